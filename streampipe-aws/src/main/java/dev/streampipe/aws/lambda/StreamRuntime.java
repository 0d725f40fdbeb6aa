package dev.streampipe.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streampipe.core.batch.BatchEngine;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.Phase;
import dev.streampipe.core.batch.PhaseListener;
import dev.streampipe.core.batch.PhaseRecorder;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.json.JsonStrings;
import dev.streampipe.core.json.LogLine;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.state.StateStore;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.core.topology.internal.Routed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * Runs any {@link Topology} in Lambda: one invocation decodes the DynamoDB Streams event (its bytes, for a
 * {@code RequestStreamHandler}; or the Lambda events library's {@link DynamodbEvent}, for a
 * {@code RequestHandler<DynamodbEvent, StreamsEventResponse>} such as {@link StreamHandler}), runs the batch engine
 * (batch semantics, effect ledger, the invocation's deadline), answers with Lambda's {@code StreamsEventResponse}
 * ({@code {"batchItemFailures":[{"itemIdentifier":"<sequence number>"}]}}), logs one structured summary line
 * (counts only, never record content) and the {@link EmfMetrics} lines. A batch that fails as a whole (a bug, or no
 * readable sequence number) is logged with its stack trace and rethrown, so the invocation ends in a function
 * error. Requires {@code ReportBatchItemFailures} on the event source mapping. The topology's
 * {@link Topology#describe()} is logged once, when the runtime is built. With SnapStart, {@link #beforeCheckpoint}
 * primes decoding and routing on the sample event given to {@link Builder#primeWith}. Thread-safe; one per
 * container.
 */
public final class StreamRuntime implements Resource {
    /** The {@code logger} of the runtime's log lines. */
    public static final String LOGGER = "stream-runtime";
    private final Topology topology;
    private final CompiledTopology compiled;
    private final StreamEventDecoder decoder = new StreamEventDecoder();
    /** Made by the first {@code DynamodbEvent} invocation: a function on the event's bytes never pays for it. */
    private volatile DynamodbEventDecoder eventDecoder;
    private final BatchEngine engine;
    private final Consumer<String> log;
    private final Clock clock;
    private final EmfMetrics metrics;
    private final byte[] primingEvent;
    private final PhaseListener phases;

    private StreamRuntime(Builder b, BatchEngine engine) {
        this.topology = b.topology;
        this.compiled = CompiledTopology.of(b.topology);
        this.engine = engine;
        this.log = b.log;
        this.clock = b.clock;
        this.metrics = new EmfMetrics(b.clock, b.metricNamespace);
        this.primingEvent = b.primingEvent;
        this.phases = b.phases;
    }

    public static Builder builder(Topology topology) {
        return new Builder(topology);
    }

    /**
     * The Lambda path: the app's runtime on {@link StreamEnvironment#fromSystem()} (reads the environment, builds
     * clients; no network call), registered for SnapStart priming. Call it only from a handler's no-argument
     * constructor.
     */
    public static StreamRuntime fromEnvironment(StreamApp app) {
        StreamRuntime runtime = app.create(StreamEnvironment.fromSystem());
        Core.getGlobalContext().register(runtime);
        return runtime;
    }

    public Topology topology() {
        return topology;
    }

    /**
     * Runs one invocation of a {@link com.amazonaws.services.lambda.runtime.RequestStreamHandler} within the Lambda
     * context's remaining time: decodes the event's bytes and writes the partial batch response to {@code response}.
     */
    public BatchResult handle(InputStream event, OutputStream response, Context context) {
        return handle(event, response, remainingTimeOf(context));
    }

    public BatchResult handle(InputStream event, OutputStream response, Deadline deadline) {
        return run(() -> decoder.decode(event), deadline, result -> {
            try {
                response.write(response(result).getBytes(StandardCharsets.UTF_8));
                response.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the batch response", e);
            }
        });
    }

    /**
     * Runs one invocation of a {@code RequestHandler<DynamodbEvent, StreamsEventResponse>} within the Lambda
     * context's remaining time, with what the byte path does (the same engine, batch semantics, summary line and EMF
     * lines): each record of the events library's model is converted to a change record directly, and a record
     * the stream decoder would refuse (no sequence number, a key breaking DynamoDB's rules, ...) is malformed
     * in the same way, dead-lettered with the record written back as JSON.
     *
     * <p>{@code event} must come from Lambda's runtime (or its serializer, {@code LambdaEventSerializers} of
     * {@code aws-lambda-java-serialization}), which reads {@code ApproximateCreationDateTime}'s epoch seconds into
     * the {@code Date}; a plain JSON mapper takes them for milliseconds, and every record with a creation time
     * is then malformed, the reason saying so. Needs {@code com.amazonaws:aws-lambda-java-events} on the class
     * path (an optional dependency of this library); the byte path never loads it.
     *
     * @return the partial batch response: no failure, or the sequence number to retry from
     */
    public StreamsEventResponse handle(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        run(() -> eventDecoder().decode(event), remainingTimeOf(context), result -> result.batchItemFailures()
                .forEach(id -> failures.add(new StreamsEventResponse.BatchItemFailure(id))));
        return new StreamsEventResponse(failures);
    }

    /** The events-model decoder, made on first use (stateless: a race only makes a second one). */
    private DynamodbEventDecoder eventDecoder() {
        DynamodbEventDecoder d = eventDecoder;
        if (d == null) {
            d = new DynamodbEventDecoder();
            eventDecoder = d;
        }
        return d;
    }

    private static Deadline remainingTimeOf(Context context) {
        return () -> Duration.ofMillis(context.getRemainingTimeInMillis());
    }

    /**
     * One invocation: decode, process, log the summary and EMF lines, {@code answer} (write the response), end the
     * phases. A batch that fails as a whole is logged and rethrown.
     */
    private BatchResult run(Supplier<DecodedBatch> decode, Deadline deadline, Consumer<BatchResult> answer) {
        Instant start = clock.instant();
        PhaseRecorder recorder = phases == PhaseListener.NONE ? PhaseRecorder.OFF
                : PhaseRecorder.start(System::nanoTime);
        BatchResult result;
        DecodedBatch batch;
        try {
            long decodeStart = recorder.now();
            batch = decode.get();
            recorder.span(Phase.DECODE, null, decodeStart);
            result = engine.process(batch, deadline, recorder);
        } catch (RuntimeException e) {
            log.accept(failure(e, clock.instant()));
            throw e;
        }
        Instant end = clock.instant();
        log.accept(summary(result, end));
        metrics.lines(result, Duration.between(start, end), lag(batch, end)).forEach(log);
        answer.accept(result);
        if (recorder != PhaseRecorder.OFF) {
            phases.batch(recorder.finish());
        }
        return result;
    }

    /** From the oldest record's creation time to {@code now}; null when no record carries one. */
    private static Duration lag(DecodedBatch batch, Instant now) {
        Instant oldest = null;
        for (ChangeRecord r : batch.records()) {
            Instant t = r.approximateCreationTime();
            if (t != null && (oldest == null || t.isBefore(oldest))) {
                oldest = t;
            }
        }
        return oldest == null ? null : Duration.between(oldest, now);
    }

    /** Decodes and routes the priming sample (no sink is called); returns how many messages the routes produced. */
    public int prime() {
        if (primingEvent == null) {
            return 0;
        }
        int messages = 0;
        for (ChangeRecord r : decoder.decode(primingEvent).records()) {
            for (Routed routed : compiled.route(r)) {
                if (routed.payload().isPresent()) {
                    messages++;
                }
            }
        }
        return messages;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: clients hold no connections until first use.
    }

    /** Lambda's partial batch response for {@code result}. */
    public static String response(BatchResult result) {
        StringBuilder sb = new StringBuilder("{\"batchItemFailures\":[");
        for (String id : result.batchItemFailures()) {
            if (sb.charAt(sb.length() - 1) != '[') {
                sb.append(',');
            }
            // Escaped: the identifier of an undecodable record is whatever text its SequenceNumber held.
            sb.append("{\"itemIdentifier\":").append(JsonStrings.quote(id)).append('}');
        }
        return sb.append("]}").toString();
    }

    /**
     * The one structured summary line of a batch, in the shape every deployable logs ({@link LogLine}):
     * {@code {"timestamp":..,"level":"INFO","logger":"stream-runtime","kind":"batch","records":..,...}}.
     */
    public static String summary(BatchResult r, Instant at) {
        LogLine j = LogLine.info(at, LOGGER, "batch")
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
        if (!r.state().equals(BatchResult.StateCounts.NONE)) {
            BatchResult.StateCounts s = r.state();
            j.field("state.records_applied", s.recordsApplied()).field("state.groups_written", s.groupsWritten())
                    .field("state.late", s.late()).field("state.windows_closed", s.windowsClosed())
                    .field("state.updates_sent", s.updatesSent());
        }
        if (!r.failureReasons().isEmpty()) {
            j.field("first_failure", r.failureReasons().get(0));
        }
        return j.end();
    }

    /** The ERROR line of a batch that failed as a whole: error class, message and stack trace. */
    public static String failure(RuntimeException e, Instant at) {
        return LogLine.error(at, LOGGER, "batch_failed").exception(e).end();
    }

    /**
     * Builds a runtime: the topology, a sink for every sink name it uses, the dead-letter sink, the effect ledger
     * when a route is ledgered, the executor sinks flush on; optionally the ledger write retry, the clock, the log,
     * the metric namespace and the priming sample. {@link StreamEnvironment#runtime(Topology)} sets all but the
     * sinks.
     */
    public static final class Builder {
        private final Topology topology;
        private final Map<String, Sink> sinks = new LinkedHashMap<>();
        private DeadLetterSink deadLetters;
        private EffectLedger ledger;
        private StateStore stateStore;
        private RetryPolicy ledgerRetry = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.REAL;
        private Executor executor;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> log = System.out::println;
        private String metricNamespace = RuntimeSettings.DEFAULT_METRIC_NAMESPACE;
        private byte[] primingEvent;
        private Integer acceptedMemory;
        private PhaseListener phases = PhaseListener.NONE;

        private Builder(Topology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
        }

        /** The sink named {@code sink.name()}. */
        public Builder sink(Sink sink) {
            sinks.put(sink.name(), sink);
            return this;
        }

        /** Sinks by name (the name the topology's routes send to). */
        public Builder sinks(Map<String, ? extends Sink> byName) {
            sinks.putAll(byName);
            return this;
        }

        public Builder deadLetters(DeadLetterSink sink) {
            this.deadLetters = Objects.requireNonNull(sink, "deadLetters");
            return this;
        }

        public Builder ledger(EffectLedger effectLedger) {
            this.ledger = Objects.requireNonNull(effectLedger, "ledger");
            return this;
        }

        /**
         * Where the topology's aggregations keep their values (needed when it has any): written once per batch,
         * after the sinks.
         */
        public Builder stateStore(StateStore store) {
            this.stateStore = Objects.requireNonNull(store, "stateStore");
            return this;
        }

        /** How failed ledger writes are retried, and what the waits sleep on. */
        public Builder ledgerRetry(RetryPolicy policy, Sleeper waits) {
            this.ledgerRetry = Objects.requireNonNull(policy, "policy");
            this.sleeper = Objects.requireNonNull(waits, "sleeper");
            return this;
        }

        public Builder executor(Executor sinkExecutor) {
            this.executor = Objects.requireNonNull(sinkExecutor, "executor");
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public Builder log(Consumer<String> out) {
            this.log = Objects.requireNonNull(out, "log");
            return this;
        }

        public Builder metricNamespace(String namespace) {
            this.metricNamespace = Objects.requireNonNull(namespace, "metricNamespace");
            return this;
        }

        /**
         * Remembers, for this runtime's container, what each sink accepted (at most {@code capacity} effect keys,
         * 1 or more, oldest evicted first; see {@link BatchEngine.Builder#acceptedMemory}), so a batch redelivered to
         * the same container skips the messages a sink already took on routes without a ledger (ledgered routes use
         * only the ledger). Off unless set; {@link StreamEnvironment#runtime} sets
         * {@link BatchEngine.Builder#DEFAULT_ACCEPTED_MEMORY}.
         */
        public Builder acceptedMemory(int capacity) {
            this.acceptedMemory = capacity;
            return this;
        }

        /**
         * Tells {@code listener} the phases of every invocation that ends with an answer: {@link Phase#DECODE}, the
         * engine's phases, and a {@link Phase#TAIL} that ends once the log lines and the response are written.
         * Without it (the default) no phase is timed.
         */
        public Builder phases(PhaseListener listener) {
            this.phases = Objects.requireNonNull(listener, "phases");
            return this;
        }

        /** A Lambda event (JSON) decoded and routed before a SnapStart snapshot, so the snapshot starts warm. */
        public Builder primeWith(String eventJson) {
            this.primingEvent = eventJson.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Builds the runtime and logs the topology's outline once. */
        public StreamRuntime build() {
            BatchEngine.Builder engine = BatchEngine.builder(topology).sinks(Map.copyOf(sinks))
                    .deadLetters(Objects.requireNonNull(deadLetters, "deadLetters: call deadLetters(sink)"))
                    .executor(Objects.requireNonNull(executor, "executor: call executor(sinkPool)"));
            if (ledger != null) {
                engine.ledger(ledger).ledgerRetry(ledgerRetry, sleeper, new Random());
            }
            if (acceptedMemory != null) {
                engine.acceptedMemory(acceptedMemory);
            }
            if (stateStore != null) {
                engine.stateStore(stateStore);
            }
            StreamRuntime runtime = new StreamRuntime(this, engine.build());
            log.accept(LogLine.info(clock.instant(), LOGGER, "topology").field("topology", topology.describe()).end());
            return runtime;
        }
    }
}
