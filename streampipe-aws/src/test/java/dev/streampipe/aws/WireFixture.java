package dev.streampipe.aws;

import dev.streampipe.aws.internal.SenderFactory;
import dev.streampipe.testing.AdvancingSleeper;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.record.SequenceNumber;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * What the sink ITs share: a manual clock, a sleeper that advances it, a call pool, sender factories, and
 * messages made to measure. Close it after each test.
 */
public final class WireFixture implements AutoCloseable {
    /** The sinks' own default: retries only what failed, at most 5 attempts. */
    public static final RetryPolicy POLICY = RetryPolicy.DEFAULT;

    public final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    public final AdvancingSleeper sleeper = new AdvancingSleeper(clock);
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "wire-call");
        t.setDaemon(true);
        return t;
    });

    /** Senders with {@link #POLICY}, a fixed jitter seed and up to 4 calls in flight. */
    public SenderFactory senders() {
        return senders(POLICY);
    }

    public SenderFactory senders(RetryPolicy policy) {
        return new SenderFactory(policy, sleeper, new Random(42), pool, 4);
    }

    /** A deadline {@code budget} after now on the manual clock. */
    public Deadline deadline(Duration budget) {
        return Deadline.after(budget, clock);
    }

    /** A generous deadline: five minutes, Lambda's usual maximum for a stream batch. */
    public Deadline deadline() {
        return deadline(Duration.ofMinutes(5));
    }

    /** No per-message options. */
    public static final UnaryOperator<Payload> NO_OPTIONS = p -> p;

    /**
     * Message {@code index} of route {@code route} to sink {@code sink}: event id {@code ev-<index>}, with the
     * per-message options {@code options} adds (e.g. {@code p -> p.with(SnsOptions.attributes(...))}).
     */
    public static Message message(String route, String sink, int index, String body, UnaryOperator<Payload> options) {
        return new Message(route, sink, index, "ev-" + index, SequenceNumber.of(sequenceNumber(index)),
                "key-" + index, options.apply(Payload.of(body)), false);
    }

    /** The same message with order key {@code key} (by default each message has a key of its own). */
    public static Message keyed(Message m, String key) {
        return new Message(m.route(), m.sink(), m.recordIndex(), m.eventId(), m.sequenceNumber(), key, m.payload(),
                m.ledgered());
    }

    /** {@code count} messages whose bodies are {@code {"n":<i>,"pad":"xxx..."}} of about {@code bodyBytes} bytes. */
    public static List<Message> messages(String route, String sink, int count, int bodyBytes,
                                         UnaryOperator<Payload> options) {
        return IntStream.range(0, count).mapToObj(i -> message(route, sink, i, body(i, bodyBytes), options)).toList();
    }

    /** A JSON body of exactly {@code bytes} bytes (at least 20) that names {@code n}. */
    public static String body(int n, int bytes) {
        String head = "{\"n\":" + n + ",\"pad\":\"";
        int pad = bytes - head.length() - 2;
        if (pad < 0) {
            throw new IllegalArgumentException("body of " + bytes + " bytes is too small for n=" + n);
        }
        return head + "x".repeat(pad) + "\"}";
    }

    /** The 28-digit sequence number of message {@code index}. */
    public static String sequenceNumber(int index) {
        return String.format("%028d", 4_421_600_000_000L + index);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
