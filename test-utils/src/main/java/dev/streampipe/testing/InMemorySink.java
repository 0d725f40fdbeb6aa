package dev.streampipe.testing;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.EntryRetrier;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.core.batch.Sleeper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A sink that keeps what it is given, and fails on demand: messages matching a predicate fail (retryably or
 * permanently) a given number of times, then go through; whole calls can be throttled. Made {@link #retrying}, it
 * retries retryable failures itself under a {@link RetryPolicy}, sleeping on the given {@link Sleeper} and within
 * the {@link Deadline} the engine passes, as the AWS adapters do; otherwise every failure goes back to the engine
 * at once. Thread-safe.
 */
public final class InMemorySink implements Sink {
    private final String name;
    private final List<Message> delivered = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private volatile int calls;
    private volatile int attempts;
    private volatile int throttledCalls;
    private volatile RuntimeException toThrow;
    private volatile EntryRetrier<Message> retrierOrNull;

    public InMemorySink(String name) {
        this.name = name;
    }

    /** Fails matching messages, each up to {@code times} times (its own count per message). */
    private static final class Rule {
        final Predicate<Message> matches;
        final Failure failure;
        final int times;
        final Map<Message, Integer> failed = new java.util.HashMap<>();

        Rule(Predicate<Message> matches, Failure failure, int times) {
            this.matches = matches;
            this.failure = failure;
            this.times = times;
        }

        /** Whether {@code m} fails this time (counting it). */
        boolean fails(Message m) {
            if (!matches.test(m)) {
                return false;
            }
            if (times == Integer.MAX_VALUE) {
                return true;
            }
            int n = failed.getOrDefault(m, 0);
            if (n >= times) {
                return false;
            }
            failed.put(m, n + 1);
            return true;
        }
    }

    /**
     * Retries retryable failures in the sink, as an AWS adapter does: under {@code policy}, waiting on
     * {@code sleeper} (a {@link ManualClock}'s advance, so waits move the clock the deadline reads).
     */
    public InMemorySink retrying(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this.retrierOrNull = new EntryRetrier<>(policy, sleeper, random);
        return this;
    }

    /** Every message fails retryably {@code times} times (per message), then succeeds. */
    public InMemorySink failRetryably(int times) {
        return failRetryably(m -> true, times);
    }

    /** Every message is rejected permanently with {@code reason} (the engine dead-letters it for its route). */
    public InMemorySink rejectPermanently(String reason) {
        return rejectPermanently(m -> true, reason);
    }

    /** The next call is throttled as a whole (a {@link RetryableSinkException}, like an API's throttling error). */
    public InMemorySink throttle() {
        return throttle(1);
    }

    /** The next {@code times} calls are throttled as a whole. */
    public InMemorySink throttle(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + times);
        }
        this.throttledCalls = times;
        return this;
    }

    /** Messages matching {@code which} fail retryably {@code times} times (per message), then succeed. */
    public InMemorySink failRetryably(Predicate<Message> which, int times) {
        rules.add(new Rule(which, Failure.retryable("injected transient failure"), times));
        return this;
    }

    /** Messages matching {@code which} are always rejected permanently. */
    public InMemorySink rejectPermanently(Predicate<Message> which, String reason) {
        rules.add(new Rule(which, Failure.permanent(reason), Integer.MAX_VALUE));
        return this;
    }

    /** The next delivery throws {@code exception} (e.g. a bug, or {@code RetryableSinkException}). */
    public InMemorySink throwOnNextDelivery(RuntimeException exception) {
        this.toThrow = exception;
        return this;
    }

    public void clearFailures() {
        rules.clear();
        throttledCalls = 0;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized SinkResult deliver(List<Message> messages, Deadline deadline) {
        calls++;
        RuntimeException e = toThrow;
        if (e != null) {
            toThrow = null;
            throw e;
        }
        EntryRetrier<Message> retrier = retrierOrNull;
        if (retrier == null) {
            return SinkResult.of(attempt(messages));
        }
        return SinkResult.of(retrier.run(messages, this::attempt, deadline).failures());
    }

    /** One attempt: a throttled call fails as a whole; otherwise each message by the rules. */
    private Map<Message, Failure> attempt(List<Message> messages) {
        attempts++;
        if (throttledCalls > 0) {
            throttledCalls--;
            throw new RetryableSinkException("ThrottlingException: Rate exceeded (injected)");
        }
        Map<Message, Failure> failures = new LinkedHashMap<>();
        for (Message m : messages) {
            Failure f = null;
            for (Rule r : rules) {
                if (r.fails(m)) {
                    f = r.failure;
                    break;
                }
            }
            if (f == null) {
                delivered.add(m);
            } else {
                failures.put(m, f);
            }
        }
        return failures;
    }

    /** Every message delivered so far, in delivery order. */
    public List<Message> messages() {
        return new ArrayList<>(delivered);
    }

    public List<String> bodies() {
        return delivered.stream().map(Message::body).toList();
    }

    /** Deliveries the engine asked for. */
    public int calls() {
        return calls;
    }

    /** Attempts made, retries included (equal to {@link #calls()} unless {@link #retrying}). */
    public int attempts() {
        return attempts;
    }

    public void clear() {
        delivered.clear();
    }
}
