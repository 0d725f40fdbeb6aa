package dev.streampipe.summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the windows of one batch payload, each through the single-window path, with a bound on how many run at once.
 *
 * <p>Contract:
 * <ul>
 *   <li>each distinct {@code (sessionId, window)} runs exactly once per call (a duplicate in the payload is run
 *   once and reported once);</li>
 *   <li>the windows of one session run one after another in ascending order, so window {@code n} is written
 *   before {@code n+1} reads it as context; different sessions run concurrently, at most {@code bound} at once, on
 *   threads that live only for the call;</li>
 *   <li>a failing window never stops the others (not even the same session's later windows, as with separate
 *   invokes), nor does an element of the payload that was no valid window (rejected while decoding); when every
 *   window succeeded and nothing was rejected the results come back in payload order, otherwise one exception
 *   reports every failed window and rejected element — {@link RetryableSummaryException} if any failure may heal,
 *   else {@link PermanentSummaryException} — naming the first {@value #NAMED_FAILURES} (each message cut to
 *   {@value #MAX_NAMED_MESSAGE} characters), with each window's own failure suppressed on it. A retry of the same
 *   payload then finds the written windows present and redoes only the failed ones.</li>
 * </ul>
 */
final class ConcurrentWindows {
    /** Most windows named in a batch failure's message (all are attached as suppressed exceptions). */
    static final int NAMED_FAILURES = 10;
    /** Longest failure message quoted for one named window. */
    static final int MAX_NAMED_MESSAGE = 300;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Function<SummaryRequest, SummaryResult> window;
    private final int bound;

    /**
     * @param window the single-window path (thread-safe)
     * @param bound  sessions in flight at once, 1..64
     */
    ConcurrentWindows(Function<SummaryRequest, SummaryResult> window, int bound) {
        this.window = Objects.requireNonNull(window, "window");
        if (bound < 1 || bound > 64) {
            throw new IllegalArgumentException("window concurrency must be 1..64, was " + bound);
        }
        this.bound = bound;
    }

    /** {@link #runAll(List, List)} with nothing rejected. */
    List<SummaryResult> runAll(List<SummaryRequest> requests) {
        return runAll(requests, List.of());
    }

    /**
     * Runs every window; returns the results in payload order, or throws as the class describes.
     *
     * @param rejected the payload's elements that were no valid window: the call fails permanently for them
     *                 (unless a window's failure may heal) once the windows ran
     */
    List<SummaryResult> runAll(List<SummaryRequest> requests, List<SummaryPayload.Rejected> rejected) {
        List<SummaryRequest> distinct = List.copyOf(new LinkedHashSet<>(requests));
        Map<String, List<SummaryRequest>> bySession = distinct.stream().collect(Collectors.groupingBy(
                SummaryRequest::sessionId, LinkedHashMap::new, Collectors.toList()));
        Map<SummaryRequest, SummaryResult> done = new java.util.concurrent.ConcurrentHashMap<>();
        Map<SummaryRequest, RuntimeException> failed = new java.util.concurrent.ConcurrentHashMap<>();
        if (bySession.size() <= 1 || bound == 1) {
            bySession.values().forEach(windows -> runSession(windows, done, failed));
        } else {
            runConcurrently(bySession.values(), done, failed);
        }
        if (!failed.isEmpty() || !rejected.isEmpty()) {
            throw failure(distinct, done.size(), failed, rejected);
        }
        return distinct.stream().map(done::get).toList();
    }

    private void runConcurrently(java.util.Collection<List<SummaryRequest>> sessions,
                                 Map<SummaryRequest, SummaryResult> done, Map<SummaryRequest, RuntimeException> failed) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(bound, sessions.size()), threads());
        try {
            List<Future<?>> futures = new ArrayList<>(sessions.size());
            for (List<SummaryRequest> windows : sessions) {
                futures.add(pool.submit(() -> runSession(windows, done, failed)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a session's windows failed outside their own handling", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RetryableSummaryException("interrupted while windows were running", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void runSession(List<SummaryRequest> windows, Map<SummaryRequest, SummaryResult> done,
                            Map<SummaryRequest, RuntimeException> failed) {
        windows.stream().sorted(java.util.Comparator.comparingLong(SummaryRequest::window)).forEach(w -> {
            try {
                done.put(w, window.apply(w));
            } catch (RuntimeException e) {
                failed.put(w, e);
            }
        });
    }

    private static RuntimeException failure(List<SummaryRequest> distinct, int succeeded,
                                            Map<SummaryRequest, RuntimeException> failed,
                                            List<SummaryPayload.Rejected> rejected) {
        List<SummaryRequest> inOrder = distinct.stream().filter(failed::containsKey).toList();
        List<String> named = new ArrayList<>();
        rejected.stream().limit(NAMED_FAILURES).forEach(r -> named.add(WindowReader.cut(r.toString(), MAX_NAMED_MESSAGE)));
        inOrder.stream().limit(NAMED_FAILURES - named.size())
                .forEach(w -> named.add(WindowReader.cut(w.sessionId(), 60) + "#" + w.window() + ": "
                        + WindowReader.cut(String.valueOf(failed.get(w).getMessage()), MAX_NAMED_MESSAGE)));
        int failures = failed.size() + rejected.size();
        String message = failures + " of " + (distinct.size() + rejected.size()) + " windows failed (" + succeeded
                + " done, a retry redoes only the failed): " + String.join("; ", named)
                + (failures > named.size() ? "; ..." : "");
        boolean heals = failed.values().stream().anyMatch(e -> !(e instanceof PermanentSummaryException));
        RuntimeException batch = heals ? new RetryableSummaryException(message) : new PermanentSummaryException(message);
        inOrder.forEach(w -> batch.addSuppressed(failed.get(w)));
        return batch;
    }

    private static ThreadFactory threads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "summary-windows-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
