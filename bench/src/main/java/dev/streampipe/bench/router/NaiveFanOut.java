package dev.streampipe.bench.router;

import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.core.topology.internal.Routed;
import dev.streampipe.router.RouterConfig;
import dev.streampipe.router.SessionTopology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * The reference design's fan-out, for comparison only: records one at a time, in order, and one API call per
 * message — Firehose {@code PutRecord} per record, SNS {@code Publish} per handoff, EventBridge {@code PutEvents}
 * with one entry per status change, Lambda {@code Invoke} (async) per window-closing turn. Same payloads as the
 * router (the session topology maps them), no batching, no concurrency, no retries, no ledger.
 */
public final class NaiveFanOut {
    private final StreamEventDecoder decoder = new StreamEventDecoder();
    private final CompiledTopology topology;
    private final RouterConfig config;
    private final AwsClients clients;
    private final Consumer<String> log;

    public NaiveFanOut(RouterConfig config, AwsClients clients, Consumer<String> log) {
        this.config = Objects.requireNonNull(config, "config");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.log = Objects.requireNonNull(log, "log");
        this.topology = CompiledTopology.of(SessionTopology.create(config.schema()));
    }

    /** Sends every message of the event; returns how many API calls it made. */
    public int handle(byte[] event) {
        return handle(event, RecordWrapper.NONE);
    }

    /**
     * As {@link #handle(byte[])}, with each record's sends run inside {@code wrapper} (e.g. an idempotency
     * store's "in progress" write before and "completed" write after); the wrapper's own calls are not counted.
     */
    public int handle(byte[] event, RecordWrapper wrapper) {
        return handle(event, wrapper, null);
    }

    /** As {@link #handle(byte[])}, adding the time of each phase to {@code timing}. */
    public int handle(byte[] event, Timing timing) {
        return handle(event, RecordWrapper.NONE, Objects.requireNonNull(timing, "timing"));
    }

    private int handle(byte[] event, RecordWrapper wrapper, Timing timing) {
        long t0 = timing == null ? 0 : System.nanoTime();
        DecodedBatch batch = decoder.decode(event);
        if (timing != null) {
            timing.decodeNanos += System.nanoTime() - t0;
        }
        int calls = 0;
        for (ChangeRecord record : batch.records()) {
            int[] sent = {0};
            wrapper.around(record, () -> {
                long r0 = timing == null ? 0 : System.nanoTime();
                List<Routed> routes = topology.route(record);
                long s0 = timing == null ? 0 : System.nanoTime();
                for (Routed routed : routes) {
                    if (routed.payload().isPresent() && routed.route().sink().isPresent()) {
                        sent[0] += send(routed.route().sink().get(), routed.payload().get());
                    }
                }
                if (timing != null) {
                    timing.routeNanos += s0 - r0;
                    timing.sendNanos += System.nanoTime() - s0;
                }
            });
            calls += sent[0];
        }
        return calls;
    }

    /** Wall time per phase of the per-record path, summed over its records (one batch at a time). */
    public static final class Timing {
        long decodeNanos;
        long routeNanos;
        long sendNanos;
    }

    /** Runs one record's sends; must run {@code sends} exactly once. */
    @FunctionalInterface
    public interface RecordWrapper {
        RecordWrapper NONE = (record, sends) -> sends.run();

        void around(ChangeRecord record, Runnable sends);
    }

    private int send(String sink, Payload payload) {
        switch (sink) {
            case SessionTopology.ANALYTICS_SINK -> clients.firehose().putRecord(b -> b
                    .deliveryStreamName(config.deliveryStream())
                    .record(r -> r.data(SdkBytes.fromUtf8String(payload.body() + "\n"))));
            case SessionTopology.HANDOFFS_SINK -> {
                Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
                payload.sns().messageAttributes().forEach((k, v) ->
                        attributes.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
                clients.sns().publish(b -> b.topicArn(config.handoffTopicArn()).message(payload.body())
                        .messageAttributes(attributes));
            }
            case SessionTopology.STATUS_EVENTS_SINK -> clients.eventBridge().putEvents(b -> b.entries(e -> e
                    .eventBusName(config.eventBusName()).source(config.eventSource())
                    .detailType(payload.eventBridge().orElseThrow().detailType()).detail(payload.body())));
            case SessionTopology.SUMMARY_TRIGGER_SINK -> clients.lambda().invoke(b -> b
                    .functionName(config.summaryFunctionName()).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(payload.body())));
            case SessionTopology.AUDIT_SINK -> {
                log.accept(payload.body());
                return 0;
            }
            default -> throw new IllegalStateException("no naive sender for sink '" + sink + "'");
        }
        return 1;
    }
}
