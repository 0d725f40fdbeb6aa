package dev.streampipe.testing;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A sink that keeps what it is given, and fails on demand: messages matching a predicate fail (retryably or
 * permanently) a given number of times, then go through. Thread-safe.
 */
public final class InMemorySink implements Sink {
    private final String name;
    private final List<Message> delivered = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private volatile int calls;
    private volatile RuntimeException toThrow;

    public InMemorySink(String name) {
        this.name = name;
    }

    private static final class Rule {
        final Predicate<Message> matches;
        final Failure failure;
        int remaining;

        Rule(Predicate<Message> matches, Failure failure, int times) {
            this.matches = matches;
            this.failure = failure;
            this.remaining = times;
        }
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
        Map<Message, Failure> failures = new LinkedHashMap<>();
        for (Message m : messages) {
            Failure f = null;
            for (Rule r : rules) {
                if (r.remaining > 0 && r.matches.test(m)) {
                    if (r.remaining != Integer.MAX_VALUE) {
                        r.remaining--;
                    }
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
        return SinkResult.of(failures);
    }

    /** Every message delivered so far, in delivery order. */
    public List<Message> messages() {
        return new ArrayList<>(delivered);
    }

    public List<String> bodies() {
        return delivered.stream().map(Message::body).toList();
    }

    public int calls() {
        return calls;
    }

    public void clear() {
        delivered.clear();
    }
}
