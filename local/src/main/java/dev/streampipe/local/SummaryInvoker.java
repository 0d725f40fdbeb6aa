package dev.streampipe.local;

import dev.streampipe.testing.lambda.BudgetContext;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lambda's asynchronous invoke, in process: the sink accepts each trigger at once (as Invoke with
 * {@code InvocationType=Event} does) and the summary handler runs on a pool; a failed invocation is retried twice
 * with a delay, as Lambda does, then written to the on-failure file.
 */
final class SummaryInvoker implements Sink, AutoCloseable {
    private static final int MAX_RETRIES = 2;
    private final String name;
    private final RequestStreamHandler handler;
    private final NdjsonFile onFailure;
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "summary-function");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong invocations = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong failed = new AtomicLong();

    SummaryInvoker(String name, RequestStreamHandler handler, NdjsonFile onFailure) {
        this.name = name;
        this.handler = handler;
        this.onFailure = onFailure;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        for (Message m : messages) {
            inFlight.incrementAndGet();
            pool.execute(() -> invoke(m.body(), 0));
        }
        return SinkResult.delivered();
    }

    private void invoke(String payload, int attempt) {
        invocations.incrementAndGet();
        try {
            handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), BudgetContext.of("SummaryFunction", java.time.Duration.ofSeconds(60)));
            inFlight.decrementAndGet();
        } catch (Exception e) {
            if (attempt < MAX_RETRIES) {
                retries.incrementAndGet();
                pool.schedule(() -> invoke(payload, attempt + 1), 500L * (attempt + 1), TimeUnit.MILLISECONDS);
            } else {
                failed.incrementAndGet();
                onFailure.append(List.of("{\"function\":\"SummaryFunction\",\"error\":" + dev.streampipe.core.json.JsonStrings
                        .quote(e.getClass().getSimpleName() + ": " + e.getMessage()) + ",\"payload\":" + payload + "}"));
                inFlight.decrementAndGet();
            }
        }
    }

    /** Invocations accepted and not finished (including those waiting to retry). */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
