package dev.streampipe.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.InMemoryDeadLetterSink;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.ManualClock;
import dev.streampipe.testing.StreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The engine's order of work (ledgered sinks before the other routes are mapped) and the phases it reports. Sinks
 * run on the caller's thread ({@code Runnable::run}), so the order is deterministic; the phase clock is a counter.
 */
class BatchEnginePhasesTest {
    private final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    private final List<String> steps = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryEffectLedger ledger = new InMemoryEffectLedger();
    private final InMemoryDeadLetterSink dlq = new InMemoryDeadLetterSink();
    private final AtomicBoolean analyticsBug = new AtomicBoolean();
    private final AtomicBoolean analyticsError = new AtomicBoolean();

    /** A multicast "analytics" route and a ledgered "page" branch; every mapper call and delivery is a step. */
    private Topology topology() {
        Predicates p = Predicates.forSchema(KeySchema.DEFAULT);
        return Topology.builder()
                .multicast(Route.named("analytics").to("all").mapping(r -> {
                    steps.add("map analytics " + r.eventId());
                    if (analyticsBug.get()) {
                        throw new IllegalStateException("analytics mapper bug");
                    }
                    if (analyticsError.get()) {
                        throw new StackOverflowError("analytics mapper recursed");
                    }
                    return Optional.of(Payload.of(r.eventId()));
                }))
                .split("kind")
                .branch(p.sortKeyPrefix("PAGE"), Route.named("page").to("pages").ledgered().mapping(r -> {
                    steps.add("map page " + r.eventId());
                    return Optional.of(Payload.of(r.eventId()));
                }))
                .defaultBranch(Route.named("rest").none())
                .build();
    }

    private Sink recording(String name) {
        return new Sink() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SinkResult deliver(List<Message> messages, Deadline deadline) {
                steps.add("deliver " + name + " " + messages.stream().map(Message::eventId).toList());
                return SinkResult.delivered();
            }
        };
    }

    private BatchEngine.Builder engine() {
        return BatchEngine.builder(topology()).sinks(Map.of("all", recording("all"), "pages", recording("pages")))
                .deadLetters(dlq).ledger(ledger).ledgerRetry(RetryPolicy.DEFAULT, clock::advance,
                        new SplittableRandom(7))
                .executor(Runnable::run);
    }

    private static DecodedBatch batch(String... sortKeys) {
        StreamEvent.Record[] records = new StreamEvent.Record[sortKeys.length];
        for (int i = 0; i < sortKeys.length; i++) {
            records[i] = StreamEvent.insert("PK", "SESSION#s", "SK", sortKeys[i]).eventId("e" + i)
                    .sequenceNumber(Long.toString(1000 + i));
        }
        return new StreamEventDecoder().decode(StreamEvent.of(records).getBytes());
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofMinutes(1), clock);
    }

    @Test
    void shouldStartLedgeredSinkBeforeMappingTheOtherRoutesWhenBatchHasLedgeredMessages() {
        // GIVEN records for the ledgered route among others
        DecodedBatch batch = batch("PAGE#0", "TURN#1", "PAGE#2");

        // WHEN the engine runs them
        BatchResult result = engine().build().process(batch, deadline());

        // THEN the ledgered sink got its messages before the first analytics mapping, and all still arrive
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(steps).containsExactly("map page e0", "map page e2", "deliver pages [e0, e2]",
                "map analytics e0", "map analytics e1", "map analytics e2", "deliver all [e0, e1, e2]");
        assertThat(result.routeCounts()).containsEntry("analytics", 3L).containsEntry("page", 2L)
                .containsEntry("rest", 1L);
    }

    @Test
    void shouldDeadLetterOnlyTheSecondPassRouteWhenItsMapperHasABug() {
        // GIVEN an analytics mapper with a bug: it runs after the ledgered sink has sent
        analyticsBug.set(true);
        DecodedBatch batch = batch("PAGE#0", "TURN#1");

        // WHEN the engine runs the batch
        BatchResult result = engine().build().process(batch, deadline());

        // THEN the batch succeeds: the page went out, and each record is poison for analytics only
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(steps).contains("deliver pages [e0]").noneMatch(s -> s.startsWith("deliver all"));
        assertThat(dlq.letters()).extracting(l -> l.routeOrNull()).containsExactly("analytics", "analytics");
        assertThat(dlq.letters().get(0).reason()).contains("IllegalStateException: analytics mapper bug");
    }

    @Test
    void shouldWaitForTheLedgeredSinkBeforeFailingWhenASecondPassMapperThrowsAnError() throws Exception {
        // GIVEN a ledgered sink that takes a while on its own thread, and an analytics mapper that throws an Error
        analyticsError.set(true);
        AtomicBoolean pagesDone = new AtomicBoolean();
        Sink slowPages = new Sink() {
            @Override
            public String name() {
                return "pages";
            }

            @Override
            public SinkResult deliver(List<Message> messages, Deadline deadline) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                pagesDone.set(true);
                return SinkResult.delivered();
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            BatchEngine engine = engine().sinks(Map.of("all", recording("all"), "pages", slowPages)).executor(pool)
                    .build();

            // WHEN the engine runs a batch, the Error propagates
            assertThatThrownBy(() -> engine.process(batch("PAGE#0", "TURN#1"), deadline()))
                    .isInstanceOf(StackOverflowError.class);

            // THEN only after the ledgered sink finished (its ledger write done), not while it was still sending
            assertThat(pagesDone).isTrue();
            assertThat(ledger.entries()).contains("e0#page");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldReportEveryPhaseInOrderWhenAListenerIsGiven() {
        // GIVEN a listener on a counting clock
        List<BatchPhases> reported = new ArrayList<>();
        AtomicLong ticks = new AtomicLong();
        BatchEngine engine = engine().phases(reported::add, ticks::incrementAndGet).build();

        // WHEN a batch with a ledgered message runs
        engine.process(batch("PAGE#0", "TURN#1"), deadline());

        // THEN one report with the phases in the order they started, the ledgered sink's inside its delivery
        assertThat(reported).hasSize(1);
        BatchPhases phases = reported.get(0);
        assertThat(phases.spans()).extracting(s -> s.phase() + (s.sinkOrNull() == null ? "" : " " + s.sinkOrNull()))
                .containsExactly("ROUTE_LEDGERED", "DELIVERY pages", "LEDGER_READ pages", "SEND pages",
                        "LEDGER_WRITE pages", "ROUTE_OTHERS", "DELIVERY all", "SEND all", "TAIL");
        BatchPhases.Span delivery = phases.span(Phase.DELIVERY, "pages").orElseThrow();
        BatchPhases.Span write = phases.span(Phase.LEDGER_WRITE, "pages").orElseThrow();
        assertThat(write.endNanos()).isLessThanOrEqualTo(delivery.endNanos());
        assertThat(phases.lastSink()).contains("all");
        assertThat(phases.total()).isEqualTo(Duration.ofNanos(
                phases.spans().get(phases.spans().size() - 1).endNanos() - phases.startNanos()));
    }

    @Test
    void shouldReadNoPhaseClockWhenTheEngineHasNoListener() {
        // GIVEN an engine without a phase listener, on a clock that counts its readings
        AtomicLong ticks = new AtomicLong();
        BatchEngine engine = engine().phases(PhaseListener.NONE, ticks::incrementAndGet).build();

        // WHEN a batch with a ledgered message and a plain one runs
        BatchResult result = engine.process(batch("PAGE#0", "TURN#1"), deadline());

        // THEN it was delivered and the clock was never read
        assertThat(result.sink("pages").delivered()).isEqualTo(1);
        assertThat(ticks).hasValue(0);
    }

    @Test
    void shouldReadNoClockWhenNoListenerIsGiven() {
        // GIVEN the recorder an engine without a listener uses
        PhaseRecorder off = PhaseRecorder.OFF;

        // WHEN phases are recorded into it
        off.span(Phase.ROUTE_OTHERS, null, off.now());

        // THEN it holds nothing
        assertThat(off.now()).isZero();
        assertThat(off.finish().spans()).isEmpty();
    }
}
