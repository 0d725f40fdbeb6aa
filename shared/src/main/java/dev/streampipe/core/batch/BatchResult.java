package dev.streampipe.core.batch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one batch came to.
 *
 * @param records          records in the batch
 * @param malformed        records that could not be decoded
 * @param deadLettered     poison records stored in the dead-letter sink
 * @param failedFromOrNull the sequence number to report in {@code batchItemFailures}: the earliest record that
 *                         failed retryably; {@code null} when the whole batch is done
 * @param routeCounts      records taken per route
 * @param sinkCounts       messages per sink
 * @param failureReasons   one line per record that failed retryably, earliest first (for logs)
 */
public record BatchResult(int records, int malformed, int deadLettered, String failedFromOrNull,
                          Map<String, Long> routeCounts, Map<String, SinkCounts> sinkCounts,
                          List<String> failureReasons) {
    public BatchResult {
        routeCounts = Map.copyOf(routeCounts);
        sinkCounts = Map.copyOf(sinkCounts);
        failureReasons = List.copyOf(failureReasons);
        if (failedFromOrNull != null && failedFromOrNull.isEmpty()) {
            throw new IllegalArgumentException("failedFrom must never be an empty identifier");
        }
    }

    /** Messages a sink was given, delivered, skipped as already done, and failed (retryably or permanently). */
    public record SinkCounts(long messages, long delivered, long skipped, long failedRetryable, long failedPermanent) {
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

    public SinkCounts sink(String sink) {
        return sinkCounts.getOrDefault(sink, new SinkCounts(0, 0, 0, 0, 0));
    }
}
