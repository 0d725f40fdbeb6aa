package dev.streampipe.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.EntryRetrier;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkedSenderTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private ChunkedSender<String> sender(BatchLimits limits, int concurrency) {
        return new ChunkedSender<>("Test.Put", limits, s -> s.length(),
                new EntryRetrier<>(RetryPolicy.DEFAULT, d -> clock.advance(d), new Random(1)), pool, concurrency);
    }

    @Test
    void shouldSplitByCountWhenOverEntryLimit() {
        List<List<String>> chunks = Chunker.chunk(IntStream.range(0, 1001).mapToObj(i -> "x").toList(),
                BatchLimits.FIREHOSE, s -> 10);
        assertThat(chunks).extracting(List::size).containsExactly(500, 500, 1);
    }

    @Test
    void shouldSplitByBytesWhenOverCallLimit() {
        BatchLimits limits = new BatchLimits(10, 100, 60);
        List<List<String>> chunks = Chunker.chunk(List.of("a".repeat(40), "b".repeat(40), "c".repeat(40), "d".repeat(10)),
                limits, String::length);
        assertThat(chunks).extracting(List::size).containsExactly(2, 2);
    }

    @Test
    void shouldRejectOversizedEntryPermanentlyAndSendTheRest() {
        List<List<String>> sent = Collections.synchronizedList(new ArrayList<>());

        Map<String, Failure> failures = sender(new BatchLimits(10, 100, 50), 2)
                .send(List.of("ok", "z".repeat(51), "fine"), c -> {
                    sent.add(c);
                    return Map.of();
                }, Deadline.after(Duration.ofMinutes(1), clock));

        assertThat(failures).containsOnlyKeys("z".repeat(51));
        assertThat(failures.values().iterator().next().retryable()).isFalse();
        assertThat(failures.values().iterator().next().reason()).contains("51 bytes").contains("limit of 50");
        assertThat(sent).containsExactly(List.of("ok", "fine"));
    }

    @Test
    void shouldNeverRunMoreCallsThanTheBoundAtOnce() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Map<String, Boolean> seen = new ConcurrentHashMap<>();

        sender(new BatchLimits(1, 10, 10), 3).send(IntStream.range(0, 40).mapToObj(i -> "e" + i).toList(), c -> {
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            seen.put(c.get(0), true);
            Thread.onSpinWait();
            inFlight.decrementAndGet();
            return Map.of();
        }, Deadline.after(Duration.ofMinutes(1), clock));

        assertThat(seen).hasSize(40);
        assertThat(peak.get()).isBetween(1, 3);
    }

    private ChunkedSender<String> ordered(BatchLimits limits) {
        return sender(limits, 4).ordered(e -> e.substring(0, 1));
    }

    @Test
    void shouldSendTheNthEntryOfEachKeyInRoundNWhenOrdered() {
        List<List<String>> sent = Collections.synchronizedList(new ArrayList<>());

        Map<String, Failure> failures = ordered(BatchLimits.SNS).send(List.of("a1", "b1", "a2", "c1", "a3", "b2"), c -> {
            sent.add(c);
            return Map.of();
        }, Deadline.after(Duration.ofMinutes(1), clock));

        assertThat(failures).isEmpty();
        assertThat(sent).containsExactly(List.of("a1", "b1", "c1"), List.of("a2", "b2"), List.of("a3"));
    }

    @Test
    void shouldHoldBackAKeysLaterEntriesWhenAnEarlierOneFailsRetryablyAndSendTheOtherKeys() {
        List<List<String>> sent = Collections.synchronizedList(new ArrayList<>());

        Map<String, Failure> failures = ordered(BatchLimits.SNS).send(List.of("a1", "b1", "a2", "b2", "a3"), c -> {
            sent.add(c);
            return c.contains("a1") ? Map.of("a1", Failure.retryable("InternalError")) : Map.of();
        }, Deadline.after(Duration.ofMinutes(1), clock));

        // a1 is retried to the policy's limit, then a2 and a3 are never sent: failed retryably, held back
        assertThat(failures).containsOnlyKeys("a1", "a2", "a3");
        assertThat(failures.values()).allSatisfy(f -> assertThat(f.retryable()).isTrue());
        assertThat(failures.get("a2").reason()).startsWith("held back").contains("InternalError");
        assertThat(sent.stream().flatMap(List::stream)).doesNotContain("a2", "a3").contains("b1", "b2");
        assertThat(sent.get(sent.size() - 1)).containsExactly("b2");
    }

    @Test
    void shouldNotHoldBackAKeyWhenItsEarlierEntryFailsPermanently() {
        List<List<String>> sent = Collections.synchronizedList(new ArrayList<>());

        Map<String, Failure> failures = ordered(BatchLimits.SNS).send(List.of("a1", "a2"), c -> {
            sent.add(c);
            return c.contains("a1") ? Map.of("a1", Failure.permanent("InvalidParameter")) : Map.of();
        }, Deadline.after(Duration.ofMinutes(1), clock));

        assertThat(failures).containsOnlyKeys("a1");
        assertThat(sent).containsExactly(List.of("a1"), List.of("a2"));
    }

    @Test
    void shouldStartNoFurtherRoundWhenTheDeadlineIsTooNearAndFailTheRestRetryablyUnsent() {
        List<List<String>> sent = Collections.synchronizedList(new ArrayList<>());
        Deadline deadline = Deadline.after(RetryPolicy.DEFAULT.safetyMargin().plusMillis(200), clock);

        // each call takes 300 ms of the clock: after the first round, less than the safety margin is left
        Map<String, Failure> failures = ordered(BatchLimits.SNS).send(List.of("a1", "a2", "a3", "b1"), c -> {
            sent.add(c);
            clock.advance(Duration.ofMillis(300));
            return Map.of();
        }, deadline);

        assertThat(sent).containsExactly(List.of("a1", "b1"));
        assertThat(failures).containsOnlyKeys("a2", "a3");
        assertThat(failures.values()).allSatisfy(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.reason()).startsWith("not sent").contains("deadline");
        });
    }
}
