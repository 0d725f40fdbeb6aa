package dev.streampipe.router;

import dev.streampipe.core.batch.BatchEngine;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.json.JsonStrings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One invocation of the stream router: decode the event, run the batch engine, answer with Lambda's
 * {@code StreamsEventResponse} ({@code {"batchItemFailures":[{"itemIdentifier":"<sequence number>"}]}}) and log one
 * structured summary line (counts only, never record content), then the EMF metric lines of {@link RouterMetrics}
 * when something went wrong (dead letters, ledger write failures, a stream view type that cannot serve a route).
 * A batch that fails as a whole (a bug, or no readable sequence number) is logged with its stack trace and rethrown,
 * so the invocation ends in a function error. Requires {@code ReportBatchItemFailures} on the event source mapping,
 * or Lambda ignores the response. Thread-safe; one instance per container.
 */
public final class Router {
    private final StreamEventDecoder decoder;
    private final BatchEngine engine;
    private final Consumer<String> log;
    private final RouterMetrics metrics;

    public Router(StreamEventDecoder decoder, BatchEngine engine, Consumer<String> log) {
        this(decoder, engine, log, Clock.systemUTC());
    }

    public Router(StreamEventDecoder decoder, BatchEngine engine, Consumer<String> log, Clock clock) {
        this(decoder, engine, log, clock, RouterConfig.DEFAULT_METRIC_NAMESPACE);
    }

    /** As above, with the namespace the EMF metric lines name. */
    public Router(StreamEventDecoder decoder, BatchEngine engine, Consumer<String> log, Clock clock,
                  String metricNamespace) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = new RouterMetrics(clock, metricNamespace);
    }

    public BatchResult handle(InputStream event, OutputStream response, Deadline deadline) {
        BatchResult result;
        try {
            DecodedBatch batch = decoder.decode(event);
            result = engine.process(batch, deadline);
        } catch (RuntimeException e) {
            log.accept(RouterMetrics.failure(e));
            throw e;
        }
        log.accept(summary(result));
        metrics.lines(result).forEach(log);
        try {
            response.write(response(result).getBytes(StandardCharsets.UTF_8));
            response.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the batch response", e);
        }
        return result;
    }

    /** Lambda's partial batch response for {@code result}. */
    public static String response(BatchResult result) {
        StringBuilder sb = new StringBuilder("{\"batchItemFailures\":[");
        for (String id : result.batchItemFailures()) {
            // Escaped: the identifier of an undecodable record is whatever text its SequenceNumber held.
            sb.append("{\"itemIdentifier\":").append(JsonStrings.quote(id)).append('}');
        }
        return sb.append("]}").toString();
    }

    static String summary(BatchResult r) {
        JsonText j = JsonText.object()
                .field("kind", "batch")
                .field("records", r.records())
                .field("malformed", r.malformed())
                .field("dead_lettered", r.deadLettered())
                .field("failed_from", r.failedFromOrNull());
        for (Map.Entry<String, Long> e : r.routeCounts().entrySet()) {
            j.field("route." + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(r.deadLettersByRoute()).entrySet()) {
            j.field("dead_letters." + e.getKey(), e.getValue());
        }
        long unledgered = r.ledgerWriteFailures().stream().mapToLong(f -> f.effectKeys().size()).sum();
        if (unledgered > 0) {
            j.field("ledger_write_failures", unledgered);
        }
        for (Map.Entry<String, BatchResult.SinkCounts> e : r.sinkCounts().entrySet()) {
            BatchResult.SinkCounts c = e.getValue();
            j.field("sink." + e.getKey() + ".delivered", c.delivered())
                    .field("sink." + e.getKey() + ".skipped", c.skipped())
                    .field("sink." + e.getKey() + ".failed", c.failedRetryable() + c.failedPermanent());
        }
        if (!r.failureReasons().isEmpty()) {
            j.field("first_failure", r.failureReasons().get(0));
        }
        return j.end();
    }
}
