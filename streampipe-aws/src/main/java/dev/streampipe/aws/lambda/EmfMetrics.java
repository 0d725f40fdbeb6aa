package dev.streampipe.aws.lambda;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.json.EmfLine;
import dev.streampipe.core.json.EmfLine.Metric;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stream function's CloudWatch metrics as EMF log lines (one JSON object per line; CloudWatch Logs extracts the
 * metrics, no PutMetricData call) in the configured namespace ({@code METRIC_NAMESPACE}, default
 * {@value RuntimeSettings#DEFAULT_METRIC_NAMESPACE}). Dimension values are the topology's route and sink names.
 * Every batch:
 * <ul>
 *   <li>{@value #RECORDS} per route (dimension sets {@code [["Route"]]}), zero included;</li>
 *   <li>{@value #DELIVERED}, {@value #SKIPPED_BY_LEDGER} and {@value #FAILED} per sink ({@code [["Sink"]]});</li>
 *   <li>{@value #BATCH_RECORDS}, {@value #BATCH_DURATION} (milliseconds) and, when a record carries its creation
 *   time, {@value #RECORD_LAG} (milliseconds from the oldest record's creation to the end of the batch, as
 *   Lambda's IteratorAge) with no dimension ({@code [[]]}).</li>
 * </ul>
 * When something went wrong, with the dimension sets {@code [["Route"], []]} so an alarm can watch one route or all:
 * <ul>
 *   <li>{@value #DEAD_LETTERS}: dead letters stored per route ({@code Route} = {@link BatchResult#UNDECODABLE} for
 *   undecodable records);</li>
 *   <li>{@value #LEDGER_WRITE_FAILURES}: effects delivered whose ledger entry could not be written (they may repeat
 *   on redelivery), with the effect ids;</li>
 *   <li>{@value #STREAM_VIEW_TYPE_MISMATCH}: a route the stream's view type can never serve, once per container and
 *   (route, view type), with the fix.</li>
 * </ul>
 * Each line is written by {@link EmfLine}. Thread-safe.
 */
public final class EmfMetrics {
    public static final String RECORDS = "Records";
    public static final String DELIVERED = "Delivered";
    public static final String SKIPPED_BY_LEDGER = "SkippedByLedger";
    public static final String FAILED = "Failed";
    public static final String BATCH_RECORDS = "BatchRecords";
    public static final String BATCH_DURATION = "BatchDuration";
    public static final String RECORD_LAG = "RecordLag";
    public static final String DEAD_LETTERS = "DeadLetters";
    public static final String LEDGER_WRITE_FAILURES = "LedgerWriteFailures";
    public static final String STATE_GROUPS_WRITTEN = "StateGroupsWritten";
    public static final String LATE_CHANGES = "LateChanges";
    public static final String WINDOWS_CLOSED = "WindowsClosed";
    public static final String STREAM_VIEW_TYPE_MISMATCH = "StreamViewTypeMismatch";

    private static final List<List<String>> BY_ROUTE = List.of(List.of("Route"));
    private static final List<List<String>> BY_SINK = List.of(List.of("Sink"));
    private static final List<List<String>> NO_DIMENSION = List.of(List.of());
    private static final List<List<String>> BY_ROUTE_AND_ALL = List.of(List.of("Route"), List.of());

    private final Clock clock;
    private final String namespace;
    private final Set<String> mismatchesReported = ConcurrentHashMap.newKeySet();

    public EmfMetrics(Clock clock, String namespace) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * The EMF lines of one batch, in a fixed order: routes, sinks, the batch, then what went wrong.
     *
     * @param duration how long the batch took
     * @param lagOrNull time from the oldest record's creation to now; {@code null} when no record carries it
     */
    public List<String> lines(BatchResult result, Duration duration, Duration lagOrNull) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Long> e : result.routeCounts().entrySet()) {
            lines.add(emf(BY_ROUTE, count(RECORDS)).field("Route", e.getKey()).field(RECORDS, e.getValue()).end());
        }
        for (Map.Entry<String, BatchResult.SinkCounts> e : result.sinkCounts().entrySet()) {
            BatchResult.SinkCounts c = e.getValue();
            lines.add(emf(BY_SINK, count(DELIVERED), count(SKIPPED_BY_LEDGER), count(FAILED))
                    .field("Sink", e.getKey()).field(DELIVERED, c.delivered())
                    .field(SKIPPED_BY_LEDGER, c.skipped()).field(FAILED, c.failedRetryable() + c.failedPermanent())
                    .end());
        }
        Metric records = count(BATCH_RECORDS);
        Metric took = new Metric(BATCH_DURATION, "Milliseconds");
        EmfLine batch = (lagOrNull == null ? emf(NO_DIMENSION, records, took)
                : emf(NO_DIMENSION, records, took, new Metric(RECORD_LAG, "Milliseconds")))
                .field(BATCH_RECORDS, result.records())
                .field(BATCH_DURATION, duration.toMillis());
        if (lagOrNull != null) {
            batch.field(RECORD_LAG, Math.max(0, lagOrNull.toMillis()));
        }
        lines.add(batch.end());
        if (!result.state().equals(BatchResult.StateCounts.NONE)) {
            BatchResult.StateCounts st = result.state();
            lines.add(emf(NO_DIMENSION, count(STATE_GROUPS_WRITTEN), count(LATE_CHANGES), count(WINDOWS_CLOSED))
                    .field(STATE_GROUPS_WRITTEN, st.groupsWritten()).field(LATE_CHANGES, st.late())
                    .field(WINDOWS_CLOSED, st.windowsClosed()).end());
        }
        lines.addAll(problems(result));
        return lines;
    }

    /** Only the lines for what went wrong (dead letters, ledger write failures, view type mismatches). */
    public List<String> problems(BatchResult result) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(result.deadLettersByRoute()).entrySet()) {
            lines.add(routeAndAll(DEAD_LETTERS, e.getKey(), e.getValue()).field("kind", "dead_letters").end());
        }
        for (BatchResult.LedgerWriteFailure f : result.ledgerWriteFailures()) {
            lines.add(routeAndAll(LEDGER_WRITE_FAILURES, f.route(), f.effectKeys().size())
                    .field("timestamp", java.time.Instant.ofEpochMilli(clock.millis()).toString())
                    .field("level", "ERROR")
                    .field("logger", StreamRuntime.LOGGER)
                    .field("kind", "ledger_write_failure")
                    .field("sink", f.sink())
                    .field("effects", f.effectKeys())
                    .field("reason", f.reason())
                    .field("message", "effects delivered but not recorded in the effect ledger: a redelivery of "
                            + "these records may repeat them")
                    .end());
        }
        for (BatchResult.ViewTypeMismatch m : result.viewTypeMismatches()) {
            if (!mismatchesReported.add(m.route() + "\u0000" + m.streamViewType())) {
                continue;
            }
            lines.add(routeAndAll(STREAM_VIEW_TYPE_MISMATCH, m.route(), 1)
                    .field("timestamp", java.time.Instant.ofEpochMilli(clock.millis()).toString())
                    .field("level", "ERROR")
                    .field("logger", StreamRuntime.LOGGER)
                    .field("kind", "configuration_error")
                    .field("stream_view_type", m.streamViewType().name())
                    .field("required_view_type", m.required().name())
                    .field("message", "the stream's view type " + m.streamViewType() + " can never serve route '"
                            + m.route() + "'; its records are dead-lettered for that route")
                    .field("fix", "set the table's StreamSpecification.StreamViewType to " + m.required()
                            + ", then replay the dead letters of route '" + m.route() + "'")
                    .end());
        }
        return lines;
    }

    private EmfLine routeAndAll(String metric, String route, long value) {
        return emf(BY_ROUTE_AND_ALL, count(metric)).field("Route", route).field(metric, value);
    }

    private static Metric count(String name) {
        return new Metric(name, "Count");
    }

    private EmfLine emf(List<List<String>> dimensions, Metric... metrics) {
        return EmfLine.of(clock.millis(), namespace, dimensions, List.of(metrics));
    }
}
