package dev.streampipe.core.batch;

import dev.streampipe.core.decode.DecodeOutcome;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Runs one batch through a {@link Topology} into named {@link Sink}s and decides what Lambda must be told.
 * Built with {@link #builder(Topology)}.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>all sinks of a batch are flushed concurrently on the given executor, each with all its messages at once;
 *   the sinks behind the effect ledger start first: the routes that send to them are mapped in a first pass over
 *   the batch and those sinks start (their ledger read goes out) before the other routes are mapped;</li>
 *   <li>failures are told apart by type: {@link RetryableSinkException} and retryable {@link Failure}s make a record
 *   retryable; {@link PoisonRecordException}, a route's rejection and permanent {@link Failure}s make a (record,
 *   route) poison; anything else thrown by a mapper, a sink or the dead-letter sink is a bug and fails the batch with
 *   {@link UnexpectedFailureException} (never retried as transient, never dead-lettered). A mapper bug in the
 *   second pass (or an {@link Error} there) fails the batch after the ledgered sinks have sent: the engine waits
 *   for them (ledger writes included) before it throws, so the retry of the batch skips the ledgered effects they
 *   delivered; a route without a ledger that sends to one of those sinks is sent again on each retry (as any route
 *   without a ledger may be), until the bug is fixed;</li>
 *   <li>a record that fails retryably in any sink makes the result report the <em>earliest</em> such record's
 *   sequence number (Lambda checkpoints before it and delivers it and everything after it again); never an empty
 *   identifier: if that record's sequence number is unreadable the nearest earlier readable one is reported, and
 *   if there is none, {@link BatchRetryException} asks for the whole batch again;</li>
 *   <li>poison is per (record, route): the pair goes to the dead-letter sink with the raw record, the route and the
 *   reason, and the record's other routes run normally; an undecodable record is dead-lettered whole. Nothing is
 *   dead-lettered at or after the earliest retryable failure: it will be delivered again;</li>
 *   <li>every sink a ledgered route sends to is put behind the effect ledger by the engine itself, whatever sinks it
 *   is given; ledger write failures come back in {@link BatchResult#ledgerWriteFailures()};</li>
 *   <li>messages of one route with the same group key are sent once per batch, attributed to the earliest record;</li>
 *   <li>every message carries its record's {@link Topology.Builder#orderedBy order key}, so a sink can keep the
 *   messages of one key in order even when its API fails single entries of a call;</li>
 *   <li>given an {@link AcceptedMemory} ({@link BatchEngineBuilder#acceptedMemory}), a message of a route without a
 *   ledger that a sink of this engine already accepted (same sink, event id and route) is skipped on redelivery,
 *   counted as skipped; the memory is bounded and best-effort, and ledgered routes keep using only the ledger;</li>
 *   <li>given a {@link PhaseListener} ({@link BatchEngineBuilder#phases}), each batch that ends with a result reports
 *   its {@link BatchPhases}; without one no clock is read for them.</li>
 * </ul>
 * Thread-safe: one engine serves concurrent batches if its sinks do.
 */
public final class BatchEngine {
    private final Topology topology;
    private final Map<String, Sink> sinks;
    private final DeadLetterSink deadLetters;
    private final Executor executor;
    private final Set<String> ledgeredSinks;
    private final Predicate<Route> toLedgeredSinks;
    private final PhaseListener phaseListener;
    private final LongSupplier nanoTime;

    /** An engine for a topology without ledgered routes (it throws {@link IllegalArgumentException} otherwise). */
    public BatchEngine(Topology topology, Map<String, Sink> sinks, DeadLetterSink deadLetters, Executor executor) {
        this(builder(topology).sinks(sinks).deadLetters(deadLetters).executor(executor));
    }

    private BatchEngine(BatchEngineBuilder b) {
        this.topology = Objects.requireNonNull(b.topology, "topology");
        this.deadLetters = Objects.requireNonNull(b.deadLetters, "deadLetters");
        this.executor = Objects.requireNonNull(b.executor, "executor");
        List<String> missing = topology.sinks().stream().filter(s -> !b.sinks.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no sink given for " + missing + "; sinks given: " + b.sinks.keySet());
        }
        Map<String, Sink> wired = new LinkedHashMap<>(b.sinks);
        for (Route r : topology.routes()) {
            if (!r.ledgered()) {
                continue;
            }
            if (b.ledger == null) {
                throw new IllegalArgumentException("route '" + r.name() + "' is ledgered: the engine needs an "
                        + "EffectLedger (BatchEngine.builder(topology).ledger(...))");
            }
            String sink = r.sink().orElseThrow();
            if (!(wired.get(sink) instanceof LedgeredSink)) {
                wired.put(sink, new LedgeredSink(wired.get(sink), b.ledger, b.ledgerRetrier()));
            }
        }
        if (b.acceptedMemory != null) {
            wired.replaceAll((name, sink) -> new RememberingSink(sink, b.acceptedMemory));
        }
        this.sinks = Map.copyOf(wired);
        Set<String> ledgered = new LinkedHashSet<>();
        wired.forEach((name, sink) -> {
            if (ledgered(sink)) {
                ledgered.add(name);
            }
        });
        this.ledgeredSinks = Set.copyOf(ledgered);
        this.toLedgeredSinks = BatchRouting.sendingTo(ledgeredSinks);
        this.phaseListener = b.phaseListener;
        this.nanoTime = b.nanoTime;
    }

    public static BatchEngineBuilder builder(Topology topology) {
        return new BatchEngineBuilder(topology, BatchEngine::new);
    }

    /** Runs one batch; with a {@link BatchEngineBuilder#phases phase listener}, reports its phases to it. */
    public BatchResult process(DecodedBatch batch, Deadline deadline) {
        if (phaseListener == PhaseListener.NONE) {
            return process(batch, deadline, PhaseRecorder.OFF);
        }
        PhaseRecorder phases = PhaseRecorder.start(nanoTime);
        BatchResult result = process(batch, deadline, phases);
        phaseListener.batch(phases.finish());
        return result;
    }

    /**
     * Runs one batch, recording its phases in {@code phases} (the caller {@link PhaseRecorder#finish finishes} it;
     * this engine's own listener is not told): for a runtime that also times its decoding and its answer.
     */
    public BatchResult process(DecodedBatch batch, Deadline deadline, PhaseRecorder phases) {
        BatchTracker tracker = new BatchTracker(batch.size());
        BatchRouting routing = new BatchRouting(topology, batch, tracker);
        Map<String, List<Message>> bySink = new LinkedHashMap<>();
        Map<String, CompletableFuture<SinkResult>> futures = new LinkedHashMap<>();
        // Ledgered sinks first: ledger read, sends and ledger write make theirs the batch's longest path, so their
        // ledger read goes out before the other routes (the bulk of the mapping) are mapped.
        if (!ledgeredSinks.isEmpty()) {
            long start = phases.now();
            Map<String, List<Message>> first = routing.pass(toLedgeredSinks);
            phases.span(Phase.ROUTE_LEDGERED, null, start);
            startAll(first, deadline, phases, futures);
            bySink.putAll(first);
        }
        try {
            long start = phases.now();
            Map<String, List<Message>> rest = routing.pass(toLedgeredSinks.negate());
            phases.span(Phase.ROUTE_OTHERS, null, start);
            startAll(rest, deadline, phases, futures);
            bySink.putAll(rest);
        } catch (RuntimeException | Error e) {
            // The ledgered sinks are under way: let them finish, ledger writes included, before failing the batch
            // (whatever failed: a mapper's bug, an Error such as StackOverflowError, a rejected executor).
            awaitAll(futures, e);
            throw e;
        }
        Map<String, SinkResult> results = joinAll(futures);
        Map<String, BatchResult.SinkCounts> sinkCounts = new TreeMap<>();
        for (String name : topology.sinks()) {
            sinkCounts.put(name, new BatchResult.SinkCounts(0, 0, 0, 0, 0));
        }
        List<BatchResult.LedgerWriteFailure> ledgerFailures = new ArrayList<>();
        for (Map.Entry<String, SinkResult> e : results.entrySet()) {
            SinkResult result = e.getValue();
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
            ledgerFailures.addAll(ledgerFailures(e.getKey(), result));
            long messages = bySink.get(e.getKey()).size();
            sinkCounts.put(e.getKey(), new BatchResult.SinkCounts(messages,
                    messages - result.skipped() - retryable - permanent, result.skipped(), retryable, permanent));
        }
        Map<String, Long> deadLettersByRoute = new TreeMap<>();
        int deadLettered = deadLetter(batch, tracker, deadline, deadLettersByRoute, phases);
        phases.tailStarts();
        return new BatchResult(batch.size(), batch.malformed().size(), deadLettered, failedFrom(batch, tracker),
                routing.routeCounts(), sinkCounts, tracker.retryReasons(), deadLettersByRoute, ledgerFailures,
                List.copyOf(routing.mismatches().values()));
    }

    private void startAll(Map<String, List<Message>> bySink, Deadline deadline, PhaseRecorder phases,
                          Map<String, CompletableFuture<SinkResult>> futures) {
        for (Map.Entry<String, List<Message>> e : bySink.entrySet()) {
            Sink sink = sinks.get(e.getKey());
            List<Message> messages = e.getValue();
            futures.put(e.getKey(), CompletableFuture.supplyAsync(() -> deliver(sink, messages, deadline, phases),
                    executor));
        }
    }

    /** Waits for every sink already started; what they throw is added to {@code failure}, which is thrown next. */
    private static void awaitAll(Map<String, CompletableFuture<SinkResult>> futures, Throwable failure) {
        for (CompletableFuture<SinkResult> f : futures.values()) {
            try {
                f.join();
            } catch (CompletionException ce) {
                failure.addSuppressed(ce.getCause());
            }
        }
    }

    private static boolean ledgered(Sink sink) {
        return sink instanceof LedgeredSink || sink instanceof RememberingSink r && r.ledgered();
    }

    /** Waits for every sink; the first bug any of them hit fails the batch once all have finished. */
    private static Map<String, SinkResult> joinAll(Map<String, CompletableFuture<SinkResult>> futures) {
        Map<String, SinkResult> results = new LinkedHashMap<>();
        RuntimeException bug = null;
        for (Map.Entry<String, CompletableFuture<SinkResult>> e : futures.entrySet()) {
            try {
                results.put(e.getKey(), e.getValue().join());
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
        return results;
    }

    private static SinkResult deliver(Sink sink, List<Message> messages, Deadline deadline, PhaseRecorder phases) {
        long start = phases.now();
        try {
            return deliver(sink, messages, deadline, start, phases);
        } finally {
            phases.span(Phase.DELIVERY, sink.name(), start);
        }
    }

    private static SinkResult deliver(Sink sink, List<Message> messages, Deadline deadline, long start,
                                      PhaseRecorder phases) {
        SinkResult result;
        try {
            if (sink instanceof RememberingSink remembering) {
                result = remembering.deliver(messages, deadline, phases);
            } else if (sink instanceof LedgeredSink ledgered) {
                result = ledgered.deliver(messages, deadline, phases);
            } else {
                result = sink.deliver(messages, deadline);
                phases.span(Phase.SEND, sink.name(), start);
            }
        } catch (RetryableSinkException e) {
            // Nothing is known to have been sent: every message is retried with its record.
            return failAll(messages, Failure.retryable(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (PoisonRecordException e) {
            return failAll(messages, Failure.permanent(e.getMessage()));
        } catch (RuntimeException e) {
            throw new UnexpectedFailureException("sink '" + sink.name() + "' threw " + e.getClass().getName() + ": "
                    + e.getMessage() + " (a bug: neither retryable nor permanent), failing the batch", e);
        }
        if (result == null) {
            throw new UnexpectedFailureException("sink '" + sink.name() + "' returned no result (a bug)", null);
        }
        return result;
    }

    private static SinkResult failAll(List<Message> messages, Failure failure) {
        Map<Message, Failure> all = new LinkedHashMap<>();
        for (Message m : messages) {
            all.put(m, failure);
        }
        return SinkResult.of(all);
    }

    private static List<BatchResult.LedgerWriteFailure> ledgerFailures(String sink, SinkResult result) {
        if (result.unledgeredEffects().isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> byRoute = new TreeMap<>();
        for (String key : result.unledgeredEffects()) {
            String route = key.substring(key.lastIndexOf('#') + 1);
            byRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(key);
        }
        List<BatchResult.LedgerWriteFailure> out = new ArrayList<>();
        byRoute.forEach((route, keys) -> out.add(new BatchResult.LedgerWriteFailure(route, sink, keys,
                result.ledgerErrorOrNull())));
        return out;
    }

    private int deadLetter(DecodedBatch batch, BatchTracker tracker, Deadline deadline, Map<String, Long> byRoute,
                           PhaseRecorder phases) {
        int limit = tracker.earliestRetry();
        List<DeadLetter> letters = new ArrayList<>();
        for (DecodeOutcome o : batch.outcomes()) {
            if (o.index() >= limit) {
                break;
            }
            tracker.poisonOf(o.index()).forEach((route, reason) -> letters.add(new DeadLetter(o.index(),
                    o.eventId().orElse(null), o.sequenceNumber().orElse(null), route, reason, o.raw())));
        }
        if (letters.isEmpty()) {
            return 0;
        }
        long start = phases.now();
        try {
            deadLetters.deadLetter(letters, deadline);
            phases.span(Phase.DEAD_LETTER, null, start);
        } catch (RetryableSinkException e) {
            phases.span(Phase.DEAD_LETTER, null, start);
            for (DeadLetter l : letters) {
                tracker.retry(l.recordIndex(), "dead-letter sink '" + deadLetters.name() + "' failed: " + e.getMessage());
            }
            return 0;
        } catch (RuntimeException e) {
            throw new UnexpectedFailureException("dead-letter sink '" + deadLetters.name() + "' threw "
                    + e.getClass().getName() + ": " + e.getMessage() + " (a bug), failing the batch", e);
        }
        for (DeadLetter l : letters) {
            byRoute.merge(l.routeOrNull() == null ? BatchResult.UNDECODABLE : l.routeOrNull(), 1L, Long::sum);
        }
        return letters.size();
    }

    private static String failedFrom(DecodedBatch batch, BatchTracker tracker) {
        int earliest = tracker.earliestRetry();
        if (earliest == Integer.MAX_VALUE) {
            return null;
        }
        for (int i = earliest; i >= 0; i--) {
            var seq = batch.outcomes().get(i).sequenceNumber();
            if (seq.isPresent() && !seq.get().isEmpty()) {
                return seq.get();
            }
        }
        throw new BatchRetryException("record " + earliest + " failed (" + tracker.retryReason(earliest)
                + ") and no sequence number at or before it is readable; the whole batch must be retried");
    }
}
