package dev.streampipe.testing;

import dev.streampipe.core.batch.BatchEngine;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.StreamEventDecoder;
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
 * and time is a {@link ManualClock} (ledger write retries move it instead of sleeping). Feed it Lambda event JSON (as in {@code events/}) with {@link #pipe}.
 *
 * <pre>{@code
 * try (var driver = new PipelineTestDriver(topology)) {
 *     BatchResult result = driver.pipeFile(Path.of("events/handoff-insert.json"));
 *     assertThat(driver.sink("handoffs").messages()).hasSize(1);
 * }
 * }</pre>
 */
public final class PipelineTestDriver implements AutoCloseable {
    private final StreamEventDecoder decoder = new StreamEventDecoder();
    private final Map<String, InMemorySink> sinks = new LinkedHashMap<>();
    private final InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
    private final InMemoryEffectLedger ledger = new InMemoryEffectLedger();
    private final ManualClock clock;
    private final BatchEngine engine;
    private Duration invocationBudget = Duration.ofMinutes(5);

    public PipelineTestDriver(Topology topology) {
        this(topology, Instant.parse("2026-11-20T12:00:00Z"));
    }

    public PipelineTestDriver(Topology topology, Instant start) {
        this.clock = new ManualClock(start);
        for (String name : topology.sinks()) {
            sinks.put(name, new InMemorySink(name));
        }
        // Runnable::run: sinks flush on the caller's thread, so a test sees a fixed order.
        this.engine = BatchEngine.builder(topology).sinks(Map.copyOf(sinks)).deadLetters(deadLetters).ledger(ledger)
                .ledgerRetry(RetryPolicy.DEFAULT, clock::advance, new SplittableRandom(12))
                .executor(Runnable::run).build();
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

    public InMemoryDeadLetterSink deadLetters() {
        return deadLetters;
    }

    public InMemoryEffectLedger ledger() {
        return ledger;
    }

    public ManualClock clock() {
        return clock;
    }

    public void advance(Duration d) {
        clock.advance(d);
    }

    /** How long each piped batch may take (the Lambda invocation's remaining time). */
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
