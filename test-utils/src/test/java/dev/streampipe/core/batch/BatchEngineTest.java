package dev.streampipe.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.EventName;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batch semantics of docs/design.md §3: earliest failure reported, poison dead-lettered, never an empty identifier. */
class BatchEngineTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    private final InMemorySink all = new InMemorySink("all");
    private final InMemorySink pages = new InMemorySink("pages");
    private final InMemoryDeadLetterSink dlq = new InMemoryDeadLetterSink();
    private final InMemoryEffectLedger ledger = new InMemoryEffectLedger();

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    private Topology topology() {
        Predicates p = Predicates.forSchema(KeySchema.DEFAULT);
        return Topology.builder()
                .multicast(Route.named("everything").to("all").mapping(r -> Optional.of(Payload.of(r.eventId()))))
                .split("kind")
                .branch(p.sortKeyPrefix("POISON"), Route.named("poison").to("all").mapping(r -> {
                    throw new PoisonRecordException("cannot map " + r.eventId());
                }))
                .branch(p.sortKeyPrefix("PAGE").and(Predicates.eventName(EventName.INSERT)),
                        Route.named("page").to("pages").ledgered().mapping(r -> Optional.of(Payload.of(r.eventId()))))
                .defaultBranch(Route.named("rest").none())
                .build();
    }

    private BatchEngine engine() {
        return BatchEngine.builder(topology()).sinks(Map.of("all", all, "pages", pages)).deadLetters(dlq)
                .ledger(ledger).ledgerRetry(RetryPolicy.DEFAULT, clock::advance, new SplittableRandom(7))
                .executor(pool).build();
    }

    /** Record {@code i}: event id {@code e<i>}, sequence number {@code 1000 + i}, an INSERT with sort key {@code sk}. */
    private static StreamEvent.Record record(int i, String sk) {
        return StreamEvent.insert("PK", "SESSION#s", "SK", sk).eventId("e" + i).sequenceNumber(Long.toString(1000 + i));
    }

    /** Records with these sort keys; a null sort key is a record that cannot be decoded ({@code {"eventID":"bad<i>"}}). */
    private static DecodedBatch batch(String... sortKeys) {
        List<StreamEvent.Record> records = new ArrayList<>();
        for (int i = 0; i < sortKeys.length; i++) {
            records.add(sortKeys[i] == null ? StreamEvent.verbatim("{\"eventID\":\"bad" + i + "\"}") : record(i, sortKeys[i]));
        }
        return new StreamEventDecoder().decode(StreamEvent.of(records.toArray(StreamEvent.Record[]::new)).getBytes());
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofMinutes(1), clock);
    }

    @Test
    void shouldReportNothingWhenEverythingIsDelivered() {
        BatchResult result = engine().process(batch("A", "PAGE#1", "B"), deadline());

        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(all.messages()).hasSize(3);
        assertThat(pages.messages()).hasSize(1);
        assertThat(result.routed("everything")).isEqualTo(3);
        assertThat(result.routed("rest")).isEqualTo(2);
        assertThat(result.sink("all").delivered()).isEqualTo(3);
    }

    @Test
    void shouldReportExactlyThatRecordWhenOneFailsTransientlyInTheMiddle() {
        all.failRetryably(m -> m.eventId().equals("e5"), 1);

        BatchResult result = engine().process(batch("A", "B", "C", "D", "E", "F", "G", "H", "I", "J"), deadline());

        assertThat(result.batchItemFailures()).containsExactly("1005");
        assertThat(result.sink("all").failedRetryable()).isEqualTo(1);
        assertThat(result.failureReasons()).singleElement().asString().contains("record 5").contains("injected");
    }

    @Test
    void shouldReportTheEarliestWhenSeveralRecordsFailInDifferentSinks() {
        all.failRetryably(m -> m.eventId().equals("e7"), 1);
        pages.failRetryably(m -> m.eventId().equals("e3"), 1);

        BatchResult result = engine().process(batch("A", "B", "C", "PAGE#3", "E", "F", "G", "H"), deadline());

        assertThat(result.batchItemFailures()).containsExactly("1003");
    }

    @Test
    void shouldDeadLetterPoisonForItsRouteOnlyWhenMapperRejectsRecord() {
        BatchResult result = engine().process(batch("A", "POISON#1", "C"), deadline());

        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(result.deadLettered()).isEqualTo(1);
        assertThat(dlq.letters()).singleElement().satisfies(l -> {
            assertThat(l.eventIdOrNull()).isEqualTo("e1");
            assertThat(l.routeOrNull()).isEqualTo("poison");
            assertThat(l.reason()).contains("cannot map e1");
            assertThat(l.raw().json()).startsWith("{\"eventID\":\"e1\"").contains("\"SK\":{\"S\":\"POISON#1\"}");
        });
        // the multicast route still took the poison record
        assertThat(all.messages()).extracting(Message::eventId).containsExactly("e0", "e1", "e2");
        assertThat(result.deadLettered("poison")).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterUndecodableRecordWithItsRawJsonWhenBatchHasOne() {
        BatchResult result = engine().process(batch("A", null, "C"), deadline());

        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(result.malformed()).isEqualTo(1);
        assertThat(dlq.letters()).singleElement().satisfies(l -> {
            assertThat(l.reason()).contains("Records[1]").contains("eventName");
            assertThat(l.raw().json()).isEqualTo("{\"eventID\":\"bad1\"}");
        });
    }

    @Test
    void shouldDeadLetterPermanentSinkRejectionWhenSinkSaysNever() {
        all.rejectPermanently(m -> m.eventId().equals("e1"), "record too large");

        BatchResult result = engine().process(batch("A", "B", "C"), deadline());

        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(dlq.letters()).singleElement().satisfies(l -> assertThat(l.reason()).contains("record too large"));
        assertThat(result.sink("all").failedPermanent()).isEqualTo(1);
    }

    @Test
    void shouldNotDeadLetterPoisonAfterTheFailurePointWhenItWillBeRedelivered() {
        all.failRetryably(m -> m.eventId().equals("e1"), 1);

        BatchResult result = engine().process(batch("A", "B", "POISON#2", "D"), deadline());

        assertThat(result.batchItemFailures()).containsExactly("1001");
        assertThat(dlq.letters()).isEmpty();
    }

    @Test
    void shouldRetryPoisonRecordWhenDeadLetterSinkFails() {
        dlq.failNext(1);

        BatchResult result = engine().process(batch("A", "B", "POISON#2", "D"), deadline());

        assertThat(result.batchItemFailures()).containsExactly("1002");
        assertThat(result.deadLettered()).isZero();
    }

    @Test
    void shouldReportEarlierReadableSequenceWhenFailedRecordHasNone() {
        dlq.failNext(1);

        BatchResult result = engine().process(batch("A", "B", null, "D"), deadline());

        assertThat(result.batchItemFailures()).containsExactly("1001");
    }

    @Test
    void shouldAskForWholeBatchWhenNoSequenceNumberIsReadable() {
        dlq.failNext(1);

        assertThatThrownBy(() -> engine().process(batch(null, "B"), deadline()))
                .isInstanceOf(BatchRetryException.class)
                .hasMessageContaining("record 0");
    }

    @Test
    void shouldRetryAllMessagesOfSinkWhenSinkThrows() {
        Sink broken = new Sink() {
            @Override
            public String name() {
                return "all";
            }

            @Override
            public SinkResult deliver(List<Message> messages, Deadline deadline) {
                throw new RetryableSinkException("service unavailable");
            }
        };
        BatchEngine engine = BatchEngine.builder(topology()).sinks(Map.of("all", broken, "pages", pages))
                .deadLetters(dlq).ledger(ledger).executor(pool).build();

        BatchResult result = engine.process(batch("A", "B"), deadline());

        assertThat(result.batchItemFailures()).containsExactly("1000");
        assertThat(result.failureReasons()).hasSize(2);
    }

    @Test
    void shouldNotRepeatLedgeredEffectWhenRedeliveredAfterPartialFailure() {
        all.failRetryably(m -> m.eventId().equals("e1"), 1);
        DecodedBatch batch = batch("PAGE#0", "B", "PAGE#2", "PAGE#3");

        BatchResult first = engine().process(batch, deadline());
        BatchResult second = engine().process(batch, deadline());

        assertThat(first.batchItemFailures()).containsExactly("1001");
        assertThat(second.batchItemFailures()).isEmpty();
        assertThat(pages.messages()).extracting(Message::eventId).containsExactly("e0", "e2", "e3");
        assertThat(second.sink("pages").skipped()).isEqualTo(3);
    }

    private BatchEngine engineRemembering(int capacity) {
        return BatchEngine.builder(topology()).sinks(Map.of("all", all, "pages", pages)).deadLetters(dlq)
                .ledger(ledger).ledgerRetry(RetryPolicy.DEFAULT, clock::advance, new SplittableRandom(7))
                .acceptedMemory(capacity).executor(pool).build();
    }

    @Test
    void shouldSendOnlyWhatTheSinkDidNotTakeWhenTheSameContainerGetsTheBatchAgain() {
        // GIVEN an engine remembering what its sinks accepted, and "all" failing e2 once
        BatchEngine engine = engineRemembering(100);
        all.failRetryably(m -> m.eventId().equals("e2"), 1);
        DecodedBatch batch = batch("A", "B", "C", "D");

        // WHEN the batch comes back after the partial failure
        BatchResult first = engine.process(batch, deadline());
        BatchResult second = engine.process(batch, deadline());

        // THEN the redelivery sends e2 alone and counts the three accepted ones as skipped
        assertThat(first.batchItemFailures()).containsExactly("1002");
        assertThat(second.batchItemFailures()).isEmpty();
        assertThat(all.messages()).extracting(Message::eventId).containsExactlyInAnyOrder("e0", "e1", "e3", "e2");
        assertThat(second.sink("all").skipped()).isEqualTo(3);
        assertThat(second.sink("all").delivered()).isEqualTo(1);
    }

    @Test
    void shouldLeaveLedgeredRoutesToTheLedgerAndResendWhatTheMemoryEvictedWhenTheBatchComesAgain() {
        // GIVEN a memory of one key: too small for a batch of two records on the plain route
        BatchEngine engine = engineRemembering(1);
        DecodedBatch batch = batch("PAGE#0", "PAGE#1");

        // WHEN the batch is delivered twice
        engine.process(batch, deadline());
        BatchResult second = engine.process(batch, deadline());

        // THEN the memory holds only the newest plain message, so the plain sink got e0 again and skipped e1
        assertThat(all.messages()).extracting(Message::eventId).containsExactly("e0", "e1", "e0");
        assertThat(second.sink("all").skipped()).isEqualTo(1);
        // AND the pages were looked up in and written to the ledger, which alone kept them from repeating
        assertThat(ledger.entries()).contains("e0#page", "e1#page");
        assertThat(pages.messages()).extracting(Message::eventId).containsExactly("e0", "e1");
        assertThat(second.sink("pages").skipped()).isEqualTo(2);
    }

    @Test
    void shouldResendALedgeredEffectTheLedgerDoesNotHoldEvenWhenTheSameContainerSentIt() {
        // GIVEN an engine with a memory, and a ledger that keeps nothing (broken on purpose: a test of the rule)
        BatchEngine engine = BatchEngine.builder(topology()).sinks(Map.of("all", all, "pages", pages)).deadLetters(dlq)
                .ledger(new EffectLedger() {
                    @Override
                    public java.util.Set<EffectKey> completed(java.util.Collection<EffectKey> effectKeys) {
                        return java.util.Set.of();
                    }

                    @Override
                    public void markCompleted(java.util.Collection<EffectKey> effectKeys) {
                        // kept nowhere
                    }
                }).ledgerRetry(RetryPolicy.DEFAULT, clock::advance, new SplittableRandom(7))
                .acceptedMemory(100).executor(pool).build();
        DecodedBatch batch = batch("PAGE#0");

        // WHEN the batch is delivered twice to the same engine
        engine.process(batch, deadline());
        engine.process(batch, deadline());

        // THEN the memory did not stand in for the ledger: the page went out twice, the plain message once
        assertThat(pages.messages()).extracting(Message::eventId).containsExactly("e0", "e0");
        assertThat(all.messages()).extracting(Message::eventId).containsExactly("e0");
    }

    @Test
    void shouldRejectEngineWhenTopologyNamesSinkThatIsMissing() {
        assertThatThrownBy(() -> BatchEngine.builder(topology()).sinks(Map.of("all", all)).deadLetters(dlq)
                .ledger(ledger).executor(pool).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pages");
    }
}
