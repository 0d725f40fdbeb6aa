package dev.streampipe.aws.lambda;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of daemon threads named {@code <prefix>-<n>}, made on the first task: until then there is no pool
 * and no thread (a function that never calls a sink, or a SnapStart snapshot taken before the first batch, starts
 * none). Thread-safe.
 */
final class DaemonPool implements Executor {
    private final String prefix;
    private final int threads;
    private volatile ExecutorService pool;

    DaemonPool(String prefix, int threads) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        pool().execute(task);
    }

    /** Whether a task has made the pool. */
    boolean started() {
        return pool != null;
    }

    private ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    AtomicInteger n = new AtomicInteger();
                    p = Executors.newFixedThreadPool(threads, r -> {
                        Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }
}
