package dev.streampipe.core.batch;

import dev.streampipe.core.record.StreamViewType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one batch came to.
 *
 * @param records            records in the batch
 * @param malformed          records that could not be decoded
 * @param deadLettered       dead letters stored: one per (record, route) that can never be handled, and one per
 *                           undecodable record
 * @param failedFromOrNull   the sequence number to report in {@code batchItemFailures}: the earliest record that
 *                           failed retryably; {@code null} when the whole batch is done
 * @param routeCounts        records taken per route
 * @param sinkCounts         messages per sink
 * @param failureReasons     one line per record that failed retryably, earliest first (for logs)
 * @param deadLettersByRoute dead letters stored per route name ({@link #UNDECODABLE} for undecodable records)
 * @param ledgerWriteFailures effects delivered whose ledger entry could not be written (they may repeat)
 * @param viewTypeMismatches routes the records' stream view type can never serve (a configuration error)
 * @param state              what the batch did to the aggregations' state ({@link StateCounts#NONE} without any)
 */
public record BatchResult(int records, int malformed, int deadLettered, String failedFromOrNull,
                          Map<String, Long> routeCounts, Map<String, SinkCounts> sinkCounts,
                          List<String> failureReasons, Map<String, Long> deadLettersByRoute,
                          List<LedgerWriteFailure> ledgerWriteFailures, List<ViewTypeMismatch> viewTypeMismatches,
                          StateCounts state) {
    /** The key of {@link #deadLettersByRoute} for records that could not be decoded (no route ran). */
    public static final String UNDECODABLE = "(undecodable)";

    public BatchResult {
        routeCounts = Map.copyOf(routeCounts);
        sinkCounts = Map.copyOf(sinkCounts);
        failureReasons = List.copyOf(failureReasons);
        deadLettersByRoute = Map.copyOf(deadLettersByRoute);
        ledgerWriteFailures = List.copyOf(ledgerWriteFailures);
        viewTypeMismatches = List.copyOf(viewTypeMismatches);
        Objects.requireNonNull(state, "state");
        if (failedFromOrNull != null && failedFromOrNull.isEmpty()) {
            throw new IllegalArgumentException("failedFrom must never be an empty identifier");
        }
    }

    /** A batch of a topology without aggregations. */
    public BatchResult(int records, int malformed, int deadLettered, String failedFromOrNull,
                       Map<String, Long> routeCounts, Map<String, SinkCounts> sinkCounts,
                       List<String> failureReasons, Map<String, Long> deadLettersByRoute,
                       List<LedgerWriteFailure> ledgerWriteFailures, List<ViewTypeMismatch> viewTypeMismatches) {
        this(records, malformed, deadLettered, failedFromOrNull, routeCounts, sinkCounts, failureReasons,
                deadLettersByRoute, ledgerWriteFailures, viewTypeMismatches, StateCounts.NONE);
    }

    /**
     * What a batch did to the aggregations' state.
     *
     * @param recordsApplied records whose contributions were written (those before the failure reported to Lambda)
     * @param groupsWritten  (group, window) values the batch's one state write covered
     * @param late           (group, window) contributions refused because their window had closed
     * @param windowsClosed  windows whose final values were sent (or recorded) by this batch
     * @param updatesSent    aggregate updates given to sinks
     */
    public record StateCounts(int recordsApplied, int groupsWritten, int late, int windowsClosed, int updatesSent) {
        public static final StateCounts NONE = new StateCounts(0, 0, 0, 0, 0);
    }

    /** Messages a sink was given, delivered, skipped as already done, and failed (retryably or permanently). */
    public record SinkCounts(long messages, long delivered, long skipped, long failedRetryable, long failedPermanent) {
    }

    /** Effects of {@code route} sent through {@code sink} whose ledger write failed after retries, and why. */
    public record LedgerWriteFailure(String route, String sink, List<String> effectKeys, String reason) {
        public LedgerWriteFailure {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(sink, "sink");
            effectKeys = List.copyOf(effectKeys);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Records of a stream whose view type can never carry what {@code route} needs: a configuration error of the
     * stream. Each such (record, route) was dead-lettered; {@code required} is the view type the topology needs.
     */
    public record ViewTypeMismatch(String route, StreamViewType streamViewType, StreamViewType required, long records) {
        public ViewTypeMismatch {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(streamViewType, "streamViewType");
            Objects.requireNonNull(required, "required");
        }
    }

    public Optional<String> failedFrom() {
        return Optional.ofNullable(failedFromOrNull);
    }

    /** The identifiers for Lambda's {@code batchItemFailures}: none, or exactly one sequence number. */
    public List<String> batchItemFailures() {
        return failedFromOrNull == null ? List.of() : List.of(failedFromOrNull);
    }

    public long routed(String route) {
        return routeCounts.getOrDefault(route, 0L);
    }

    public long deadLettered(String route) {
        return deadLettersByRoute.getOrDefault(route, 0L);
    }

    public SinkCounts sink(String sink) {
        return sinkCounts.getOrDefault(sink, new SinkCounts(0, 0, 0, 0, 0));
    }
}
