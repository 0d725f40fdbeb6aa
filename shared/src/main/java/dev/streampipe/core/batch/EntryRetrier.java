package dev.streampipe.core.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Sends a list of entries with an API that reports failures per entry, and retries only the entries that failed
 * retryably, under a {@link RetryPolicy} and a {@link Deadline}. Entries that fail permanently are not retried.
 * Thread-safe if the random generator is.
 *
 * @param <T> the entry type
 */
public final class EntryRetrier<T> {

    /** One attempt: sends {@code entries} and returns the ones that failed, with why. */
    @FunctionalInterface
    public interface Attempt<T> {
        Map<T, Failure> send(List<T> entries);
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public EntryRetrier(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Whether {@code deadline} leaves time for another first attempt (more than the policy's safety margin): a
     * sender that makes several rounds of calls asks before each round after the first.
     */
    public boolean hasTimeFor(Deadline deadline) {
        return deadline.allows(Duration.ZERO, policy.safetyMargin());
    }

    /** Counts of one {@link #run}: attempts made and the entries that failed in the end. */
    public record Outcome<T>(int attempts, Map<T, Failure> failures) {
    }

    /**
     * Sends {@code entries}, retrying the retryable failures. An attempt that throws {@link RetryableSinkException}
     * fails all its entries retryably. Returns the final failures (empty when everything went through).
     */
    public Outcome<T> run(List<T> entries, Attempt<T> attempt, Deadline deadline) {
        List<T> pending = new ArrayList<>(entries);
        Map<T, Failure> finalFailures = new LinkedHashMap<>();
        int attempts = 0;
        while (!pending.isEmpty()) {
            attempts++;
            Map<T, Failure> failed;
            try {
                failed = attempt.send(pending);
            } catch (RetryableSinkException e) {
                failed = new LinkedHashMap<>();
                for (T t : pending) {
                    failed.put(t, Failure.retryable(e.getMessage()));
                }
            }
            List<T> retry = new ArrayList<>();
            for (Map.Entry<T, Failure> f : failed.entrySet()) {
                if (f.getValue().retryable()) {
                    retry.add(f.getKey());
                } else {
                    finalFailures.put(f.getKey(), f.getValue());
                }
            }
            if (retry.isEmpty()) {
                break;
            }
            Duration wait = policy.delayBefore(attempts + 1, random);
            if (attempts >= policy.maxAttempts() || !deadline.allows(wait, policy.safetyMargin())) {
                for (T t : retry) {
                    Failure last = failed.get(t);
                    finalFailures.put(t, Failure.retryable(last.reason() + " (gave up after " + attempts + " attempts)"));
                }
                break;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (T t : retry) {
                    finalFailures.put(t, Failure.retryable("interrupted while waiting to retry"));
                }
                break;
            }
            pending = retry;
        }
        return new Outcome<>(attempts, finalFailures);
    }
}
