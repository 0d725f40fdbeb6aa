package dev.streampipe.core.batch;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Retry with capped exponential backoff and full jitter: before attempt {@code n} (n ≥ 2) wait a uniform random
 * time in {@code [0, min(maxDelay, baseDelay · 2^(n-2))]}. No attempt starts unless the deadline leaves the wait
 * plus {@code safetyMargin} (room for the call itself and the response).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration safetyMargin) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofMillis(1500));

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be 1..20, was " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(safetyMargin, "safetyMargin");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay, was " + baseDelay + " and " + maxDelay);
        }
    }

    /** The jittered wait before attempt {@code attempt} (2 for the first retry). */
    public Duration delayBefore(int attempt, RandomGenerator random) {
        if (attempt < 2) {
            return Duration.ZERO;
        }
        long cap = maxDelay.toNanos();
        long exp = baseDelay.toNanos() << Math.min(attempt - 2, 30);
        long ceiling = exp <= 0 ? cap : Math.min(cap, exp);
        return Duration.ofNanos(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
    }
}
