package dev.streampipe.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.InMemoryDeadLetterSink;
import dev.streampipe.testing.InMemorySink;
import dev.streampipe.testing.ManualClock;
import dev.streampipe.testing.StreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The messages the engine makes and how it hands them over: grouped, keyed for order, all sinks at once. */
class BatchEngineMessagesTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    private final InMemoryDeadLetterSink dlq = new InMemoryDeadLetterSink();

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    /** "all" takes every record; WINDOW# records also trigger once per partition key ("triggers"). */
    private static Topology topology() {
        Predicates p = Predicates.forSchema(KeySchema.DEFAULT);
        return Topology.builder().orderedBy("PK")
                .multicast(Route.named("all").to("all").mapping(r -> Optional.of(Payload.of(r.eventId()))))
                .split("kind")
                .branch(p.sortKeyPrefix("WINDOW#"), Route.named("trigger").to("triggers")
                        .mapping(r -> Optional.of(Payload.of(r.eventId())
                                .withGroupKey(KeySchema.DEFAULT.partitionKeyOf(r).orElseThrow()))))
                .defaultBranch(Route.named("rest").none())
                .build();
    }

    /** Records (partition key, sort key): event id {@code e<i>}, sequence number {@code 1000 + i}. */
    private static DecodedBatch batch(String... pkThenSk) {
        List<StreamEvent.Record> records = new ArrayList<>();
        for (int i = 0; i < pkThenSk.length / 2; i++) {
            records.add(StreamEvent.insert("PK", pkThenSk[2 * i], "SK", pkThenSk[2 * i + 1]).eventId("e" + i)
                    .sequenceNumber(Long.toString(1000 + i)));
        }
        return new StreamEventDecoder().decode(StreamEvent.of(records.toArray(StreamEvent.Record[]::new)).getBytes());
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofMinutes(1), clock);
    }

    @Test
    void shouldSendOneMessagePerGroupKeyFromTheEarliestRecordWhenRecordsShareIt() {
        // GIVEN two WINDOW records of s1 and one of s2
        InMemorySink all = new InMemorySink("all");
        InMemorySink triggers = new InMemorySink("triggers");
        BatchEngine engine = BatchEngine.builder(topology()).sinks(Map.of("all", all, "triggers", triggers))
                .deadLetters(dlq).executor(pool).build();

        // WHEN they run in one batch
        BatchResult result = engine.process(batch("s1", "WINDOW#1", "s1", "WINDOW#2", "s2", "WINDOW#1"), deadline());

        // THEN the trigger went out once per partition key, from the earliest record of each; all three were routed
        assertThat(triggers.messages()).extracting(Message::eventId, Message::recordIndex)
                .containsExactlyInAnyOrder(tuple("e0", 0),
                        tuple("e2", 2));
        assertThat(result.routed("trigger")).isEqualTo(3);
        assertThat(result.sink("triggers").delivered()).isEqualTo(2);
        assertThat(all.messages()).hasSize(3);
    }

    @Test
    void shouldGiveEveryMessageItsRecordsOrderKeyWhenRecordsShareAPartition() {
        // GIVEN two records of s1 and one of s2, on a topology ordered by PK
        InMemorySink all = new InMemorySink("all");
        InMemorySink triggers = new InMemorySink("triggers");
        BatchEngine engine = BatchEngine.builder(topology()).sinks(Map.of("all", all, "triggers", triggers))
                .deadLetters(dlq).executor(pool).build();

        // WHEN they run
        engine.process(batch("s1", "TURN#1", "s1", "WINDOW#1", "s2", "TURN#1"), deadline());

        // THEN each message carries its record's partition as order key, on every route
        assertThat(all.messages()).extracting(Message::eventId, Message::orderKey).containsExactlyInAnyOrder(
                tuple("e0", "PK=s1"), tuple("e1", "PK=s1"),
                tuple("e2", "PK=s2"));
        assertThat(triggers.messages()).singleElement().extracting(Message::orderKey).isEqualTo("PK=s1");
    }

    @Test
    void shouldFlushEverySinkAtOnceOnTheExecutorWhenABatchHasSeveral() throws Exception {
        // GIVEN two sinks that each wait until the other one has been called too
        CountDownLatch bothCalled = new CountDownLatch(2);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Thread caller = Thread.currentThread();
        Map<String, Sink> sinks = Map.of("all", meeting("all", bothCalled, calls, caller),
                "triggers", meeting("triggers", bothCalled, calls, caller));
        BatchEngine engine = BatchEngine.builder(topology()).sinks(sinks).deadLetters(dlq).executor(pool).build();

        // WHEN a batch for both runs
        BatchResult result = engine.process(batch("s1", "WINDOW#1", "s2", "TURN#1"), deadline());

        // THEN both were under way at once, off the caller's thread, each called once with all its messages
        assertThat(bothCalled.await(0, TimeUnit.SECONDS)).isTrue();
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(calls).containsExactlyInAnyOrder("all [e0, e1]", "triggers [e0]");
    }

    /** A sink that fails retryably unless {@code other} sinks reach {@code latch} while it waits (5 s at most). */
    private static Sink meeting(String name, CountDownLatch latch, List<String> calls, Thread caller) {
        return new Sink() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SinkResult deliver(List<Message> messages, Deadline deadline) {
                calls.add(name + " " + messages.stream().map(Message::eventId).toList());
                latch.countDown();
                try {
                    if (Thread.currentThread() != caller && latch.await(5, TimeUnit.SECONDS)) {
                        return SinkResult.delivered();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new RetryableSinkException("sink '" + name + "' was alone");
            }
        };
    }
}
