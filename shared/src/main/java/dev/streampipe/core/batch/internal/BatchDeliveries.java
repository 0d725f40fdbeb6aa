package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.EffectKey;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.core.batch.UnexpectedFailureException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The sink deliveries of one batch: each sink's chain started on the executor with all its messages at once, then
 * all joined and tallied (failures marked on the batch's {@link BatchTracker}, counts per sink, ledger lapses). One
 * per batch; started and joined by the thread that runs the batch.
 */
public final class BatchDeliveries {
    private final DeliveryChains chains;
    private final Executor executor;
    private final Deadline deadline;
    private final StageListener stages;
    private final Map<String, List<Message>> messages = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Delivery>> futures = new LinkedHashMap<>();

    public BatchDeliveries(DeliveryChains chains, Executor executor, Deadline deadline, StageListener stages) {
        this.chains = Objects.requireNonNull(chains, "chains");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.stages = Objects.requireNonNull(stages, "stages");
    }

    /** What the sinks of one batch came to. */
    public record Tally(Map<String, BatchResult.SinkCounts> sinkCounts,
                        List<BatchResult.LedgerWriteFailure> ledgerWriteFailures) {
        /** This tally with {@code other}'s counts added sink by sink ({@code null}: this one). */
        public Tally plus(Tally other) {
            if (other == null) {
                return this;
            }
            Map<String, BatchResult.SinkCounts> counts = new TreeMap<>(sinkCounts);
            other.sinkCounts.forEach((sink, c) -> counts.merge(sink, c, (a, b) -> new BatchResult.SinkCounts(
                    a.messages() + b.messages(), a.delivered() + b.delivered(), a.skipped() + b.skipped(),
                    a.failedRetryable() + b.failedRetryable(), a.failedPermanent() + b.failedPermanent())));
            List<BatchResult.LedgerWriteFailure> lapses = new ArrayList<>(ledgerWriteFailures);
            lapses.addAll(other.ledgerWriteFailures);
            return new Tally(counts, lapses);
        }
    }

    /** Starts every sink of {@code bySink} on the executor, each with all its messages. */
    public void start(Map<String, List<Message>> bySink) {
        bySink.forEach((sink, list) -> {
            messages.put(sink, list);
            futures.put(sink, CompletableFuture.supplyAsync(() -> chains.deliver(sink, list, deadline, stages),
                    executor));
        });
    }

    /** Waits for every sink already started; what they throw is added to {@code failure}, which is thrown next. */
    public void awaitAll(Throwable failure) {
        for (CompletableFuture<Delivery> f : futures.values()) {
            try {
                f.join();
            } catch (CompletionException ce) {
                failure.addSuppressed(ce.getCause());
            }
        }
    }

    /**
     * Waits for every sink (the first bug any of them hit fails the batch once all have finished), marks each
     * failed message's record on {@code tracker} and tallies the sinks, every one of {@code allSinks} present.
     */
    public Tally joinAll(Collection<String> allSinks, BatchTracker tracker) {
        Map<String, Delivery> deliveries = new LinkedHashMap<>();
        RuntimeException bug = null;
        for (Map.Entry<String, CompletableFuture<Delivery>> e : futures.entrySet()) {
            try {
                deliveries.put(e.getKey(), e.getValue().join());
            } catch (CompletionException ce) {
                RuntimeException cause = ce.getCause() instanceof RuntimeException re ? re
                        : new UnexpectedFailureException("sink '" + e.getKey() + "' failed", ce.getCause());
                if (bug == null) {
                    bug = cause;
                } else {
                    bug.addSuppressed(cause);
                }
            }
        }
        if (bug != null) {
            throw bug;
        }
        Map<String, BatchResult.SinkCounts> counts = new TreeMap<>();
        allSinks.forEach(s -> counts.put(s, new BatchResult.SinkCounts(0, 0, 0, 0, 0)));
        List<BatchResult.LedgerWriteFailure> lapses = new ArrayList<>();
        deliveries.forEach((sink, d) -> {
            counts.put(sink, count(messages.get(sink).size(), d.result(), tracker));
            lapses.addAll(lapses(sink, d));
        });
        return new Tally(counts, lapses);
    }

    private static BatchResult.SinkCounts count(long messages, SinkResult result, BatchTracker tracker) {
        long retryable = 0;
        long permanent = 0;
        for (SinkResult.Failed f : result.failures()) {
            Message m = f.message();
            if (f.failure().retryable()) {
                retryable++;
                tracker.retry(m.recordIndex(), "sink '" + m.sink() + "' route '" + m.route() + "': "
                        + f.failure().reason());
            } else {
                permanent++;
                tracker.poison(m.recordIndex(), m.route(), "sink '" + m.sink() + "' rejected it: "
                        + f.failure().reason());
            }
        }
        return new BatchResult.SinkCounts(messages, messages - result.skipped() - retryable - permanent,
                result.skipped(), retryable, permanent);
    }

    /** The effects {@code sink} delivered without ledgering them, one failure per route. */
    private static List<BatchResult.LedgerWriteFailure> lapses(String sink, Delivery d) {
        Map<String, List<String>> byRoute = new TreeMap<>();
        for (EffectKey key : d.unledgered()) {
            byRoute.computeIfAbsent(key.route(), r -> new ArrayList<>()).add(key.toString());
        }
        List<BatchResult.LedgerWriteFailure> out = new ArrayList<>();
        byRoute.forEach((route, keys) -> out.add(new BatchResult.LedgerWriteFailure(route, sink, keys,
                d.ledgerErrorOrNull())));
        return out;
    }
}
