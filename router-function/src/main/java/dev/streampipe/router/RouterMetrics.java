package dev.streampipe.router;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.json.JsonStrings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The router's CloudWatch metrics as EMF log lines (one JSON object per line; CloudWatch Logs extracts the metric,
 * no PutMetricData call) in the configured namespace ({@code METRIC_NAMESPACE}, default
 * {@value RouterConfig#DEFAULT_METRIC_NAMESPACE}), each with the dimension sets {@code [["Route"], []]} so an
 * alarm can watch one route or all of them:
 * <ul>
 *   <li>{@value #DEAD_LETTERS}: dead letters stored per route in one batch ({@code Route} =
 *   {@link BatchResult#UNDECODABLE} for undecodable records);</li>
 *   <li>{@value #LEDGER_WRITE_FAILURES}: effects delivered whose ledger entry could not be written (they may repeat
 *   on redelivery), with the effect ids;</li>
 *   <li>{@value #STREAM_VIEW_TYPE_MISMATCH}: a route the stream's view type can never serve, once per container and
 *   (route, view type), with the fix.</li>
 * </ul>
 * Thread-safe.
 */
final class RouterMetrics {
    static final String DEAD_LETTERS = "DeadLetters";
    static final String LEDGER_WRITE_FAILURES = "LedgerWriteFailures";
    static final String STREAM_VIEW_TYPE_MISMATCH = "StreamViewTypeMismatch";

    private final Clock clock;
    private final String namespace;
    private final Set<String> mismatchesReported = ConcurrentHashMap.newKeySet();

    RouterMetrics(Clock clock, String namespace) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /** The EMF lines one batch result calls for, in a fixed order; empty when nothing went wrong. */
    List<String> lines(BatchResult result) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(result.deadLettersByRoute()).entrySet()) {
            lines.add(emf(DEAD_LETTERS, e.getKey(), e.getValue()).field("kind", "dead_letters").end());
        }
        for (BatchResult.LedgerWriteFailure f : result.ledgerWriteFailures()) {
            lines.add(emf(LEDGER_WRITE_FAILURES, f.route(), f.effectKeys().size())
                    .field("kind", "ledger_write_failure")
                    .field("level", "ERROR")
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
            lines.add(emf(STREAM_VIEW_TYPE_MISMATCH, m.route(), 1)
                    .field("kind", "configuration_error")
                    .field("level", "ERROR")
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

    /** One structured error line for a batch that failed as a whole, with the stack trace. */
    static String failure(RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return JsonText.object()
                .field("kind", "batch_failed")
                .field("level", "ERROR")
                .field("error", e.getClass().getName())
                .field("message", String.valueOf(e.getMessage()))
                .field("stack_trace", trace.toString())
                .end();
    }

    private JsonText emf(String metric, String route, long value) {
        String metadata = "{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":"
                + JsonStrings.quote(namespace) + ",\"Dimensions\":[[\"Route\"],[]],\"Metrics\":[{\"Name\":\"" + metric + "\",\"Unit\":\"Count\"}]}]}";
        return JsonText.object().raw("_aws", metadata).field("Route", route).field(metric, value);
    }
}
