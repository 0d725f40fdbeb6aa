package dev.streampipe.testing;

import dev.streampipe.core.batch.BatchEngine;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.state.Aggregation;
import dev.streampipe.core.state.InMemoryStateStore;
import dev.streampipe.core.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs a {@link Topology} synchronously, with no AWS: every sink the topology names is an {@link InMemorySink},
 * dead letters go to an {@link InMemoryDeadLetterSink}, the engine's effect ledger is an {@link InMemoryEffectLedger},
 * and time is a {@link ManualClock}. Feed it records built with {@link StreamEvent} ({@link #pipe(StreamEvent.Record...)})
 * or Lambda event JSON (as in {@code events/}) with {@link #pipe(String)} and {@link #pipeFile}.
 *
 * <p>Sinks behave like the AWS adapters: each retries its retryable failures under the driver's {@link RetryPolicy},
 * and every wait (theirs and the ledger write retries') advances the driver's clock instead of sleeping; the
 * {@link Deadline} the engine passes them is the {@linkplain #invocationBudget invocation budget} on that same
 * clock, so retries that would outlast it give up and the records come back in {@code batchItemFailures}. Inject
 * faults per sink: {@code driver.sink("handoffs").failRetryably(2)}, {@code .throttle()},
 * {@code .rejectPermanently("too large")}.
 *
 * <pre>{@code
 * try (var driver = new PipelineTestDriver(topology)) {
 *     driver.sink("handoffs").throttle();
 *     BatchResult result = driver.pipe(StreamEvent.insert("PK", "SESSION#s-1", "SK", "HANDOFF#1")
 *             .newImage("agent_id", "agent-7"));
 *     assertThat(driver.sink("handoffs").messages()).hasSize(1);  // retried after the throttle
 *     assertThat(driver.sink("handoffs").attempts()).isEqualTo(2);
 * }
 * }</pre>
 */
public final class PipelineTestDriver implements AutoCloseable {
    private final StreamEventDecoder decoder = new StreamEventDecoder();
    private final Map<String, InMemorySink> sinks = new LinkedHashMap<>();
    private final InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    private final InMemoryEffectLedger ledger = new InMemoryEffectLedger();
    private final ManualClock clock;
    private final AdvancingSleeper sleeper;
    private final BatchEngine engine;
    private final Topology topology;
    private final InMemoryStateStore stateStore;
    private Duration invocationBudget = Duration.ofMinutes(5);

    public PipelineTestDriver(Topology topology) {
        this(topology, Instant.parse("2026-11-20T12:00:00Z"));
    }

    public PipelineTestDriver(Topology topology, Instant start) {
        this(topology, start, RetryPolicy.DEFAULT);
    }

    /** A driver whose sinks and ledger writes retry under {@code retryPolicy} (the runtime's is {@code DEFAULT}). */
    public PipelineTestDriver(Topology topology, Instant start, RetryPolicy retryPolicy) {
        this.clock = new ManualClock(start);
        this.sleeper = new AdvancingSleeper(clock);
        SplittableRandom jitter = new SplittableRandom(12);
        for (String name : topology.sinks()) {
            sinks.put(name, new InMemorySink(name).retrying(retryPolicy, sleeper, jitter.split()));
        }
        this.topology = topology;
        this.stateStore = new InMemoryStateStore(topology.stores());
        // Runnable::run: sinks flush on the caller's thread, so a test sees a fixed order.
        BatchEngine.Builder b = BatchEngine.builder(topology).sinks(Map.copyOf(sinks)).deadLetters(deadLetters)
                .ledger(ledger).ledgerRetry(retryPolicy, sleeper, jitter.split()).executor(Runnable::run);
        if (!topology.aggregations().isEmpty()) {
            b.stateStore(stateStore);
        }
        this.engine = b.build();
    }

    /** Runs one event of these records (built with {@link StreamEvent}) through the topology. */
    public BatchResult pipe(StreamEvent.Record... records) {
        return pipe(StreamEvent.of(records));
    }

    /** Runs one Lambda event through the topology. */
    public BatchResult pipe(String eventJson) {
        return pipe(eventJson.getBytes(StandardCharsets.UTF_8));
    }

    public BatchResult pipe(byte[] eventJson) {
        DecodedBatch batch = decoder.decode(eventJson);
        return engine.process(batch, Deadline.after(invocationBudget, clock));
    }

    public BatchResult pipeFile(Path eventFile) {
        try {
            return pipe(Files.readAllBytes(eventFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InMemorySink sink(String name) {
        InMemorySink sink = sinks.get(name);
        if (sink == null) {
            throw new IllegalArgumentException("topology has no sink '" + name + "'; it has " + sinks.keySet());
        }
        return sink;
    }

    /**
     * The store of aggregation {@code name}: its groups' current values ({@code store("by-status").count("OPEN")}),
     * and a windowed one's windows.
     */
    public StoreView store(String name) {
        Aggregation aggregation = topology.aggregations().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("topology has no aggregation '" + name + "'; it has "
                        + topology.aggregations().stream().map(Aggregation::name).toList()));
        return new StoreView(aggregation, stateStore);
    }

    /**
     * The state store behind every aggregation: inject its faults here
     * ({@code driver.stateStore().throttle(1)}: the next batch's state write is throttled and the batch comes back
     * in {@code batchItemFailures} from its first record).
     */
    public InMemoryStateStore stateStore() {
        return stateStore;
    }

    /**
     * Moves the aggregations' stream time forward by {@code d} from where the records left it (or from the driver's
     * clock, before any record): windows that close by then close and send their final values to their sinks. A
     * deployed function's stream time moves only with its records: a window closes when a later record arrives.
     */
    public BatchResult.StateCounts advanceStreamTime(Duration d) {
        long now = topology.aggregations().stream().filter(Aggregation::windowed)
                .mapToLong(a -> stateStore.streamTime(a.name())).max().orElse(Long.MIN_VALUE);
        Instant from = now == Long.MIN_VALUE ? clock.instant() : Instant.ofEpochMilli(now);
        return streamTimeTo(from.plus(d));
    }

    /** Moves the aggregations' stream time to {@code time} (never back); see {@link #advanceStreamTime}. */
    public BatchResult.StateCounts streamTimeTo(Instant time) {
        return engine.advanceStreamTime(time, Deadline.after(invocationBudget, clock));
    }

    public InMemoryDeadLetterSink deadLetters() {
        return deadLetters;
    }

    public InMemoryEffectLedger ledger() {
        return ledger;
    }

    /** The clock the deadline, the sinks' retries and the ledger read. */
    public ManualClock clock() {
        return clock;
    }

    /** Every retry wait so far (sinks and ledger), each of which advanced {@link #clock()}. */
    public AdvancingSleeper sleeper() {
        return sleeper;
    }

    public void advance(Duration d) {
        clock.advance(d);
    }

    /**
     * How long each piped batch may take (the Lambda invocation's remaining time, 5 minutes unless set): the
     * deadline the engine gives the sinks, measured on {@link #clock()}.
     */
    public void invocationBudget(Duration budget) {
        this.invocationBudget = budget;
    }

    /** Finds {@code events/} from any module's working directory. */
    public static Path eventsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("events");
            if (Files.isDirectory(candidate) && Files.exists(dir.resolve("mvnw"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no events/ directory above " + Path.of("").toAbsolutePath());
    }

    public static Path event(String fileName) {
        return eventsDir().resolve(fileName);
    }

    @Override
    public void close() {
        sinks.clear();
    }
}
