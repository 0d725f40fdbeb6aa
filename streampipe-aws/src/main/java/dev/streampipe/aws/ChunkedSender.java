package dev.streampipe.aws;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.EntryRetrier;
import dev.streampipe.core.batch.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.ToLongFunction;

/**
 * Sends entries through a batch API: rejects entries over the per-entry limit (permanently, with the sizes in the
 * reason), chunks the rest at the limits, sends the chunks concurrently — at most {@code maxConcurrentCalls} in
 * flight — and retries only the failed entries of each chunk with an {@link EntryRetrier}.
 *
 * @param <E> the entry type
 */
public final class ChunkedSender<E> {
    private final String api;
    private final BatchLimits limits;
    private final ToLongFunction<E> size;
    private final EntryRetrier<E> retrier;
    private final Executor executor;
    private final int maxConcurrentCalls;

    public ChunkedSender(String api, BatchLimits limits, ToLongFunction<E> size, EntryRetrier<E> retrier,
                         Executor executor, int maxConcurrentCalls) {
        this.api = Objects.requireNonNull(api, "api");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.size = Objects.requireNonNull(size, "size");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (maxConcurrentCalls < 1 || maxConcurrentCalls > 256) {
            throw new IllegalArgumentException("maxConcurrentCalls must be 1..256, was " + maxConcurrentCalls);
        }
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    /** Sends every entry; returns the entries that failed in the end. */
    public Map<E, Failure> send(List<E> entries, EntryRetrier.Attempt<E> call, Deadline deadline) {
        Map<E, Failure> failures = new LinkedHashMap<>();
        List<E> fitting = new ArrayList<>(entries.size());
        for (E e : entries) {
            long s = size.applyAsLong(e);
            if (s > limits.maxEntryBytes()) {
                failures.put(e, Failure.permanent(api + " entry of " + s + " bytes exceeds the limit of "
                        + limits.maxEntryBytes() + " bytes"));
            } else {
                fitting.add(e);
            }
        }
        List<List<E>> chunks = Chunker.chunk(fitting, limits, size);
        if (chunks.size() == 1) {
            failures.putAll(retrier.run(chunks.get(0), call, deadline).failures());
            return failures;
        }
        Semaphore permits = new Semaphore(maxConcurrentCalls);
        List<CompletableFuture<Map<E, Failure>>> futures = new ArrayList<>(chunks.size());
        for (List<E> chunk : chunks) {
            permits.acquireUninterruptibly();
            try {
                futures.add(CompletableFuture.supplyAsync(() -> retrier.run(chunk, call, deadline).failures(), executor)
                        .whenComplete((r, t) -> permits.release()));
            } catch (RuntimeException rejected) {
                permits.release();
                throw rejected;
            }
        }
        for (CompletableFuture<Map<E, Failure>> f : futures) {
            failures.putAll(f.join());
        }
        return failures;
    }

    public BatchLimits limits() {
        return limits;
    }
}
