package dev.streampipe.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EntryRetrierTest {
    private final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper fakeSleep = d -> {
        waits.add(d);
        clock.advance(d);
    };
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(500));
    private final EntryRetrier<String> retrier = new EntryRetrier<>(policy, fakeSleep, new SplittableRandom(7));

    @Test
    void shouldResendOnlyFailedEntriesWhenSomeFail() {
        List<List<String>> sent = new ArrayList<>();
        Map<String, Integer> failuresLeft = new LinkedHashMap<>(Map.of("b", 2, "d", 1));

        EntryRetrier.Outcome<String> outcome = retrier.run(List.of("a", "b", "c", "d"), entries -> {
            sent.add(entries);
            Map<String, Failure> failed = new LinkedHashMap<>();
            for (String e : entries) {
                if (failuresLeft.merge(e, -1, Integer::sum) >= 0) {
                    failed.put(e, Failure.retryable("throttled"));
                }
            }
            return failed;
        }, Deadline.after(Duration.ofMinutes(1), clock));

        assertThat(outcome.failures()).isEmpty();
        assertThat(sent).containsExactly(List.of("a", "b", "c", "d"), List.of("b", "d"), List.of("b"));
        assertThat(outcome.attempts()).isEqualTo(3);
    }

    @Test
    void shouldNotRetryPermanentFailures() {
        List<List<String>> sent = new ArrayList<>();

        EntryRetrier.Outcome<String> outcome = retrier.run(List.of("a", "b"), entries -> {
            sent.add(entries);
            return Map.of("a", Failure.permanent("too large"));
        }, Deadline.after(Duration.ofMinutes(1), clock));

        assertThat(sent).hasSize(1);
        assertThat(outcome.failures()).containsOnlyKeys("a");
        assertThat(outcome.failures().get("a").retryable()).isFalse();
    }

    @Test
    void shouldGiveUpAfterMaxAttemptsWithJitteredCappedWaits() {
        EntryRetrier.Outcome<String> outcome = retrier.run(List.of("a"),
                entries -> Map.of("a", Failure.retryable("throttled")), Deadline.after(Duration.ofMinutes(1), clock));

        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.failures().get("a").reason()).contains("gave up after 4 attempts");
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        assertThat(waits.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    }

    @Test
    void shouldStopRetryingWhenDeadlineLeavesNoRoom() {
        EntryRetrier.Outcome<String> outcome = retrier.run(List.of("a"),
                entries -> Map.of("a", Failure.retryable("throttled")), Deadline.after(Duration.ofMillis(400), clock));

        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(waits).isEmpty();
        assertThat(outcome.failures().get("a").retryable()).isTrue();
    }

    @Test
    void shouldFailAllEntriesRetryablyWhenAttemptThrows() {
        EntryRetrier.Outcome<String> outcome = retrier.run(List.of("a", "b"), entries -> {
            throw new RetryableSinkException("503");
        }, Deadline.after(Duration.ofMinutes(1), clock));

        assertThat(outcome.failures()).containsOnlyKeys("a", "b");
        assertThat(outcome.attempts()).isEqualTo(4);
    }
}
