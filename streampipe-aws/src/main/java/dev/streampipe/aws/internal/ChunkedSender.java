package dev.streampipe.aws.internal;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.EntryRetrier;
import dev.streampipe.core.batch.Failure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Sends entries through a batch API: rejects entries over the per-entry limit (permanently, with the sizes in the
 * reason), chunks the rest at the limits, sends the chunks concurrently — at most {@code maxConcurrentCalls} in
 * flight — and retries only the failed entries of each chunk with an {@link EntryRetrier}.
 *
 * <p>Given an order key ({@link #ordered}), entries of one key reach the API in list order even though the API may
 * fail single entries of a call and accept the rest: the n-th entry of each key goes in round n, a round is sent
 * only once the one before it is done, and when an entry of a key fails retryably (after its retries) the key's
 * later entries are not sent at all but failed retryably, "held back". An entry that fails permanently holds nothing
 * back (it will never be delivered). A round after the first starts only while the deadline leaves more than the
 * retry policy's safety margin; otherwise it and every later round fail retryably, unsent. Without repeated keys
 * that is a single round: the same calls as unordered.
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
    private final Function<E, String> orderKey;

    public ChunkedSender(String api, BatchLimits limits, ToLongFunction<E> size, EntryRetrier<E> retrier,
                         Executor executor, int maxConcurrentCalls) {
        this(api, limits, size, retrier, executor, maxConcurrentCalls, null);
    }

    private ChunkedSender(String api, BatchLimits limits, ToLongFunction<E> size, EntryRetrier<E> retrier,
                          Executor executor, int maxConcurrentCalls, Function<E, String> orderKey) {
        this.api = Objects.requireNonNull(api, "api");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.size = Objects.requireNonNull(size, "size");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (maxConcurrentCalls < 1 || maxConcurrentCalls > 256) {
            throw new IllegalArgumentException("maxConcurrentCalls must be 1..256, was " + maxConcurrentCalls);
        }
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.orderKey = orderKey;
    }

    /** This sender keeping the entries of each {@code orderKey} in order (see the class comment). */
    public ChunkedSender<E> ordered(Function<E, String> key) {
        return new ChunkedSender<>(api, limits, size, retrier, executor, maxConcurrentCalls,
                Objects.requireNonNull(key, "key"));
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
        if (orderKey == null) {
            failures.putAll(sendConcurrently(fitting, call, deadline));
            return failures;
        }
        Map<String, Failure> heldKeys = new HashMap<>();
        List<List<E>> rounds = rounds(fitting);
        for (int r = 0; r < rounds.size(); r++) {
            List<E> round = rounds.get(r);
            if (r > 0 && !retrier.hasTimeFor(deadline)) {
                Failure late = Failure.retryable("not sent: the invocation's deadline is too near for round " + (r + 1)
                        + " of its key's entries");
                for (int later = r; later < rounds.size(); later++) {
                    rounds.get(later).forEach(e -> failures.put(e, late));
                }
                break;
            }
            List<E> go = new ArrayList<>(round.size());
            for (E e : round) {
                Failure earlier = heldKeys.get(orderKey.apply(e));
                if (earlier == null) {
                    go.add(e);
                } else {
                    failures.put(e, Failure.retryable("held back, not sent: an earlier entry of its key failed ("
                            + earlier.reason() + ")"));
                }
            }
            for (Map.Entry<E, Failure> f : sendConcurrently(go, call, deadline).entrySet()) {
                failures.put(f.getKey(), f.getValue());
                if (f.getValue().retryable()) {
                    heldKeys.putIfAbsent(orderKey.apply(f.getKey()), f.getValue());
                }
            }
        }
        return failures;
    }

    /** Round n holds the n-th entry of every key, in list order. */
    private List<List<E>> rounds(List<E> entries) {
        List<List<E>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (E e : entries) {
            int round = seen.merge(orderKey.apply(e), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(e);
        }
        return rounds;
    }

    private Map<E, Failure> sendConcurrently(List<E> fitting, EntryRetrier.Attempt<E> call, Deadline deadline) {
        if (fitting.isEmpty()) {
            return Map.of();
        }
        Map<E, Failure> failures = new LinkedHashMap<>();
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
