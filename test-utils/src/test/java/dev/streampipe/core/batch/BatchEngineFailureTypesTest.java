package dev.streampipe.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.InMemoryDeadLetterSink;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.InMemorySink;
import dev.streampipe.testing.ManualClock;
import dev.streampipe.testing.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Failures told apart by type (docs/design.md §3): retryable, permanent per (record, route), and bugs that fail the batch;
 * and the ledger guarantees the engine keeps whatever the wiring.
 */
class BatchEngineFailureTypesTest {
    private final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    private final InMemorySink analytics = new InMemorySink("analytics");
    private final InMemorySink pages = new InMemorySink("pages");
    private final InMemorySink counts = new InMemorySink("counts");
    private final InMemoryDeadLetterSink dlq = new InMemoryDeadLetterSink();
    private final InMemoryEffectLedger ledger = new InMemoryEffectLedger();

    /** analytics (multicast), then PAGE# → pages (ledgered, needs the new image), COUNT# → counts, else nothing. */
    private static Topology topology() {
        Predicates p = Predicates.forSchema(KeySchema.DEFAULT);
        return Topology.builder()
                .multicast(Route.named("analytics").to("analytics").mapping(r -> Optional.of(Payload.of(r.eventId()))))
                .split("kind")
                .branch(p.sortKeyPrefix("PAGE#"), Route.named("page").to("pages").ledgered().needsNewImage()
                        .mapping(r -> Optional.of(Payload.of(r.newImage().orElseThrow().string("agent")
                                .orElseThrow(() -> new PoisonRecordException("page has no 'agent'"))))))
                .branch(p.sortKeyPrefix("COUNT#"), Route.named("count").to("counts")
                        .mapping(r -> Optional.of(Payload.of(r.eventId()))))
                .defaultBranch(Route.named("rest").none())
                .build();
    }

    private BatchEngine engine() {
        return BatchEngine.builder(topology()).sinks(Map.of("analytics", analytics, "pages", pages, "counts", counts))
                .deadLetters(dlq).ledger(ledger).ledgerRetry(RetryPolicy.DEFAULT, clock::advance, new SplittableRandom(3))
                .executor(Runnable::run).build();
    }

    /**
     * Record {@code i} (event id {@code e<i>}, sequence number {@code 1000 + i}): an INSERT with sort key {@code sk}
     * on a {@code NEW_IMAGE} stream with these new-image attributes, or, given none, on a {@code KEYS_ONLY} stream.
     */
    private static StreamEvent.Record record(int i, String sk, Object... newImage) {
        StreamEvent.Record r = StreamEvent.insert("PK", "SESSION#s", "SK", sk).eventId("e" + i)
                .sequenceNumber(Long.toString(1000 + i));
        return newImage.length == 0 ? r.viewType("KEYS_ONLY") : r.viewType("NEW_IMAGE").newImage(newImage);
    }

    private static DecodedBatch batch(StreamEvent.Record... records) {
        return new StreamEventDecoder().decode(StreamEvent.of(records).getBytes(StandardCharsets.UTF_8));
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofMinutes(1), clock);
    }

    private static final Object[] AGENT = {"agent", "agent-1"};

    @Test
    void shouldFailTheBatchWithTheTraceWhenASinkThrowsAnUnexpectedException() {
        // GIVEN a sink with a bug: it throws IllegalStateException
        IllegalStateException bug = new IllegalStateException("index out of sync");
        counts.throwOnNextDelivery(bug);

        // WHEN a batch reaches it
        // THEN the batch fails loudly with the original exception (and its stack trace) as the cause
        assertThatThrownBy(() -> engine().process(batch(record(0, "A"), record(1, "COUNT#1")), deadline()))
                .isInstanceOf(UnexpectedFailureException.class)
                .hasMessageContaining("sink 'counts'").hasMessageContaining("IllegalStateException")
                .hasCause(bug);
        // ... and nothing was dead-lettered as if the record were poison
        assertThat(dlq.letters()).isEmpty();
    }

    @Test
    void shouldDeadLetterForThatRouteOnlyWhenAMapperThrowsSomethingOtherThanPoison() {
        // GIVEN a topology whose first mapper has a bug (a user's mistake), beside a route that works
        Topology buggy = Topology.builder().multicast(Route.named("analytics").to("analytics").mapping(r -> {
            throw new NullPointerException("forgot a field");
        })).multicast(Route.named("count").to("counts").mapping(r -> Optional.of(Payload.of(r.eventId()))))
                .build();
        BatchEngine engine = BatchEngine.builder(buggy).sinks(Map.of("analytics", analytics, "counts", counts))
                .deadLetters(dlq).executor(Runnable::run).build();

        // WHEN the engine runs a batch
        BatchResult result = engine.process(batch(record(0, "A")), deadline());

        // THEN the batch succeeds: the record is dead-lettered for the buggy route, naming the exception, and the
        // other route still delivers it
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(dlq.letters()).singleElement().satisfies(l -> {
            assertThat(l.routeOrNull()).isEqualTo("analytics");
            assertThat(l.reason()).startsWith("route 'analytics' cannot map the record: "
                    + "java.lang.NullPointerException: forgot a field (at ");
        });
        assertThat(counts.messages()).hasSize(1);
    }

    @Test
    void shouldFailTheBatchWhenTheDeadLetterSinkHasABug() {
        // GIVEN a dead-letter sink that throws IllegalStateException, and a page record without its attribute
        IllegalStateException bug = new IllegalStateException("queue url unset");
        BatchEngine engine = BatchEngine.builder(topology())
                .sinks(Map.of("analytics", analytics, "pages", pages, "counts", counts))
                .deadLetters(new DeadLetterSink() {
                    @Override
                    public String name() {
                        return "dlq";
                    }

                    @Override
                    public void deadLetter(List<DeadLetter> letters, Deadline deadline) {
                        throw bug;
                    }
                }).ledger(ledger).executor(Runnable::run).build();

        // WHEN / THEN the batch fails as a bug (never retried as transient), with the original as the cause
        assertThatThrownBy(() -> engine.process(batch(record(0, "PAGE#1", "other", "x")), deadline()))
                .isInstanceOf(UnexpectedFailureException.class)
                .hasMessageContaining("dead-letter sink 'dlq'").hasMessageContaining("IllegalStateException")
                .hasCause(bug);
    }

    @Test
    void shouldDeadLetterEveryMessageOfTheSinkWhenTheSinkThrowsPoison() {
        // GIVEN a sink that throws PoisonRecordException for its whole call
        counts.throwOnNextDelivery(new PoisonRecordException("schema rejected"));

        // WHEN a batch with two records for it arrives
        BatchResult result = engine().process(batch(record(0, "A"), record(1, "COUNT#1"), record(2, "COUNT#2")),
                deadline());

        // THEN both (record, route) pairs are poison for that route only; nothing is retried
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(result.sink("counts").failedPermanent()).isEqualTo(2);
        assertThat(dlq.letters()).extracting(DeadLetter::recordIndex, DeadLetter::routeOrNull)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "count"),
                        org.assertj.core.groups.Tuple.tuple(2, "count"));
        assertThat(dlq.letters().get(0).reason()).contains("schema rejected");
        assertThat(analytics.messages()).hasSize(3);
    }

    @Test
    void shouldFailTheBatchWhenASinkReturnsNoResult() {
        // GIVEN a sink with a bug: it returns null
        Sink silent = new Sink() {
            @Override
            public String name() {
                return "counts";
            }

            @Override
            public SinkResult deliver(List<Message> messages, Deadline deadline) {
                return null;
            }
        };
        BatchEngine engine = BatchEngine.builder(topology())
                .sinks(Map.of("analytics", analytics, "pages", pages, "counts", silent))
                .deadLetters(dlq).ledger(ledger).executor(Runnable::run).build();

        // WHEN / THEN the batch fails as a bug, naming the sink
        assertThatThrownBy(() -> engine.process(batch(record(0, "COUNT#0")), deadline()))
                .isInstanceOf(UnexpectedFailureException.class)
                .hasMessageContaining("sink 'counts' returned no result");
        assertThat(dlq.letters()).isEmpty();
    }

    @Test
    void shouldReportTheEarliestFailedSequenceNumberWhenASinkIsThrottled() {
        // GIVEN a sink that is throttled for the whole call
        counts.throwOnNextDelivery(new RetryableSinkException("ThrottlingException (HTTP 400): Rate exceeded"));

        // WHEN a batch with two records for it arrives
        BatchResult result = engine().process(batch(record(0, "A"), record(1, "COUNT#1"),
                record(2, "COUNT#2")), deadline());

        // THEN the earliest of them is reported, and the other sinks delivered
        assertThat(result.batchItemFailures()).containsExactly("1001");
        assertThat(result.failureReasons().get(0)).contains("ThrottlingException");
        assertThat(analytics.messages()).hasSize(3);
    }

    @Test
    void shouldDeadLetterOnlyThatRouteWhenARecordIsPoisonForOneRoute() {
        // GIVEN a page record without the attribute its route needs, and one on a KEYS_ONLY stream
        BatchResult result = engine().process(batch(record(0, "PAGE#1", "other", "x"),
                record(1, "PAGE#2"), record(2, "PAGE#3", AGENT)), deadline());

        // THEN each poison (record, route) is dead-lettered with the route and the reason; analytics has all three
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(dlq.letters()).extracting(DeadLetter::recordIndex, DeadLetter::routeOrNull)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "page"), org.assertj.core.groups.Tuple.tuple(1, "page"));
        assertThat(dlq.letters().get(0).reason()).contains("page has no 'agent'");
        assertThat(dlq.letters().get(1).reason()).contains("needs the new image").contains("KEYS_ONLY");
        assertThat(analytics.messages()).extracting(Message::eventId).containsExactly("e0", "e1", "e2");
        assertThat(pages.messages()).extracting(Message::eventId).containsExactly("e2");
        assertThat(result.deadLettered("page")).isEqualTo(2);
        assertThat(result.deadLettered()).isEqualTo(2);
        // ... and the KEYS_ONLY one is reported as a stream configuration error, with the view type needed
        assertThat(result.viewTypeMismatches()).singleElement().satisfies(m -> {
            assertThat(m.route()).isEqualTo("page");
            assertThat(m.streamViewType()).hasToString("KEYS_ONLY");
            assertThat(m.required()).hasToString("NEW_IMAGE");
            assertThat(m.records()).isEqualTo(1);
        });
    }

    @Test
    void shouldNeverRepeatALedgeredEffectWhenTheRouteIsWiredWithoutALedgerWrapper() {
        // GIVEN the plain sinks (no wrapper) and a ledger given to the engine
        DecodedBatch twice = batch(record(0, "PAGE#1", AGENT));

        // WHEN the same record is delivered twice
        engine().process(twice, deadline());
        BatchResult second = engine().process(twice, deadline());

        // THEN the page went out once; the second delivery skipped it
        assertThat(pages.messages()).hasSize(1);
        assertThat(second.sink("pages").skipped()).isEqualTo(1);
        assertThat(ledger.entries()).containsExactly("e0#page");
    }

    @Test
    void shouldRefuseAnEngineWithoutLedgerWhenARouteIsLedgered() {
        assertThatThrownBy(() -> BatchEngine.builder(topology()).sinks(Map.of("analytics", analytics, "pages", pages,
                "counts", counts)).deadLetters(dlq).executor(Runnable::run).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("route 'page' is ledgered");
    }

    @Test
    void shouldRetryTheLedgerWriteWithinTheDeadlineWhenItFailsOnce() {
        // GIVEN a ledger whose first write fails
        ledger.failWrites(1);

        // WHEN a page is delivered
        BatchResult result = engine().process(batch(record(0, "PAGE#1", AGENT)), deadline());

        // THEN the write was retried and went through: no lapse reported
        assertThat(result.ledgerWriteFailures()).isEmpty();
        assertThat(ledger.entries()).containsExactly("e0#page");
    }

    @Test
    void shouldReportTheEffectIdsWhenTheLedgerWriteFailsAfterASuccessfulSend() {
        // GIVEN a ledger that cannot be written at all
        ledger.failWrites(Integer.MAX_VALUE);

        // WHEN two pages are delivered
        BatchResult result = engine().process(batch(record(0, "PAGE#1", AGENT), record(1, "PAGE#2", AGENT)), deadline());

        // THEN they count as delivered (a failure would make the redelivery repeat them), and the lapse is reported
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(pages.messages()).hasSize(2);
        assertThat(result.ledgerWriteFailures()).singleElement().satisfies(f -> {
            assertThat(f.route()).isEqualTo("page");
            assertThat(f.sink()).isEqualTo("pages");
            assertThat(f.effectKeys()).containsExactlyInAnyOrder("e0#page", "e1#page");
            assertThat(f.reason()).contains("injected ledger write failure").contains("gave up after 5 attempts");
        });
    }

    @Test
    void shouldRetryLedgeredMessagesOnlyWhenTheLedgerCannotBeRead() {
        // GIVEN a ledger that cannot be read for this batch
        ledger.failReads(1);
        List<StreamEvent.Record> records = new ArrayList<>(List.of(record(0, "COUNT#0"), record(1, "PAGE#1", AGENT)));

        // WHEN a batch with a page arrives
        BatchResult result = engine().process(batch(records.toArray(StreamEvent.Record[]::new)), deadline());

        // THEN the page is not sent and its record is retried; the other routes went ahead
        assertThat(result.batchItemFailures()).containsExactly("1001");
        assertThat(result.failureReasons().get(0)).contains("effect ledger unavailable");
        assertThat(pages.messages()).isEmpty();
        assertThat(counts.messages()).hasSize(1);
    }
}
