package dev.streampipe.testing;

import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.RetryableSinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps dead letters in memory; can be made to fail. Thread-safe. */
public final class InMemoryDeadLetterSink implements DeadLetterSink {
    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    private volatile int failuresLeft;

    @Override
    public String name() {
        return "dead-letters";
    }

    /** The next {@code times} calls throw a retryable failure. */
    public void failNext(int times) {
        failuresLeft = times;
    }

    @Override
    public synchronized void deadLetter(List<DeadLetter> batch, Deadline deadline) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new RetryableSinkException("injected dead-letter failure");
        }
        letters.addAll(batch);
    }

    public List<DeadLetter> letters() {
        return new ArrayList<>(letters);
    }
}
