package dev.streampipe.aws.internal;

import dev.streampipe.core.batch.EntryRetrier;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/** Builds the {@link ChunkedSender}s of every sink with one retry policy, sleeper, randomness and call pool. */
public final class SenderFactory {
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Executor callPool;
    private final int maxConcurrentCalls;

    public SenderFactory(RetryPolicy policy, Sleeper sleeper, RandomGenerator random, Executor callPool,
                         int maxConcurrentCalls) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.callPool = Objects.requireNonNull(callPool, "callPool");
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    /** How the senders retry (the state store retries its calls so too). */
    public RetryPolicy policy() {
        return policy;
    }

    /** The jitter of the retries' waits. */
    public RandomGenerator random() {
        return random;
    }

    /** The bounded pool the senders' calls run on (the effect ledger's and state store's calls run there too). */
    public Executor callPool() {
        return callPool;
    }

    public <E> ChunkedSender<E> create(String api, BatchLimits limits, ToLongFunction<E> size) {
        return new ChunkedSender<>(api, limits, size, new EntryRetrier<>(policy, sleeper, random), callPool,
                maxConcurrentCalls);
    }
}
