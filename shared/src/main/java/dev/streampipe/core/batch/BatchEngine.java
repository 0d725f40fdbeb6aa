package dev.streampipe.core.batch;

import dev.streampipe.core.batch.internal.AcceptedMemory;
import dev.streampipe.core.batch.internal.BatchDeliveries;
import dev.streampipe.core.batch.internal.BatchRouting;
import dev.streampipe.core.batch.internal.BatchTracker;
import dev.streampipe.core.batch.internal.DeadLettering;
import dev.streampipe.core.batch.internal.DeliveryChains;
import dev.streampipe.core.batch.internal.StageListener;
import dev.streampipe.core.batch.internal.StatePhase;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.state.Aggregation;
import dev.streampipe.core.state.StateStore;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.Topology;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

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
 *   <li>given an accepted memory ({@link Builder#acceptedMemory}), a message of a route without a ledger that a sink
 *   of this engine already accepted (same sink, event id and route) is skipped on redelivery, counted as skipped;
 *   the memory is bounded and best-effort, and ledgered routes keep using only the ledger;</li>
 *   <li>given a {@link PhaseListener} ({@link Builder#phases}), each batch that ends with a result reports its
 *   {@link BatchPhases}; without one no clock is read for them.</li>
 * </ul>
 * Each sink is adapted once, when the engine is built, into its delivery chain (accepted memory, effect ledger, the
 * sink); a batch only routes, runs the chains and tallies. Thread-safe: one engine serves concurrent batches if its
 * sinks do.
 */
public final class BatchEngine {
    private final Topology topology;
    private final DeliveryChains chains;
    private final DeadLettering deadLetters;
    private final Executor executor;
    private final PhaseListener phaseListener;
    private final LongSupplier nanoTime;
    private final StatePhase statePhase;

    private BatchEngine(Builder b) {
        this.topology = b.topology;
        this.deadLetters = new DeadLettering(Objects.requireNonNull(b.deadLetters, "deadLetters"));
        this.executor = Objects.requireNonNull(b.executor, "executor");
        this.chains = DeliveryChains.wire(topology, b.sinks, b.ledger,
                new EntryRetrier<>(b.ledgerPolicy, b.ledgerSleeper, b.ledgerRandom), b.acceptedMemory);
        this.phaseListener = b.phaseListener;
        this.nanoTime = b.nanoTime;
        if (!topology.aggregations().isEmpty() && b.stateStore == null) {
            throw new IllegalArgumentException("the topology has aggregations " + topology.aggregations().stream()
                    .map(Aggregation::name).toList() + ": the engine needs a state store (stateStore(..))");
        }
        this.statePhase = topology.aggregations().isEmpty() ? null
                : new StatePhase(topology, b.stateStore, chains, executor);
    }

    /** The one way to build an engine: starts a {@link Builder} for {@code topology}. */
    public static Builder builder(Topology topology) {
        return new Builder(topology);
    }

    /** Runs one batch; with a {@link Builder#phases phase listener}, reports its phases to it. */
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
        StageListener stages = StageListener.recording(phases);
        BatchTracker tracker = new BatchTracker(batch.size());
        BatchRouting routing = new BatchRouting(topology, batch, tracker);
        BatchDeliveries deliveries = new BatchDeliveries(chains, executor, deadline, stages);
        // Ledgered sinks first: ledger read, sends and ledger write make theirs the batch's longest path, so their
        // ledger read goes out before the other routes (the bulk of the mapping) are mapped.
        if (chains.anyLedgered()) {
            deliveries.start(stages.around(Phase.ROUTE_LEDGERED, null, () -> routing.pass(chains.toLedgered())));
        }
        try {
            deliveries.start(stages.around(Phase.ROUTE_OTHERS, null,
                    () -> routing.pass(chains.toLedgered().negate())));
        } catch (RuntimeException | Error e) {
            // The ledgered sinks are under way: let them finish, ledger writes included, before failing the batch
            // (whatever failed: a mapper's bug, an Error such as StackOverflowError, a rejected executor).
            deliveries.awaitAll(e);
            throw e;
        }
        BatchDeliveries.Tally sinks = deliveries.joinAll(topology.sinks(), tracker);
        // The state's contributions first (a record an aggregation cannot read is poison for it), then the dead
        // letters (a failing dead-letter sink makes records retryable), then the state write: it takes only the
        // records before the failure the batch will report.
        StatePhase.Contributions contributions = statePhase == null ? null : statePhase.contribute(batch, tracker);
        Map<String, Long> deadLettersByRoute = new TreeMap<>();
        int deadLettered = deadLetters.send(batch, tracker, deadline, deadLettersByRoute, stages);
        BatchResult.StateCounts state = BatchResult.StateCounts.NONE;
        if (statePhase != null) {
            StatePhase.Outcome outcome = stages.around(Phase.STATE, null,
                    () -> statePhase.run(contributions, batch, tracker, deadline, stages));
            state = outcome.counts();
            sinks = sinks.plus(outcome.tally());
            outcome.recordsByAggregation().forEach(routing.routeCounts()::put);
        }
        phases.tailStarts();
        return new BatchResult(batch.size(), batch.malformed().size(), deadLettered, tracker.failedFrom(batch),
                routing.routeCounts(), sinks.sinkCounts(), tracker.retryReasons(), deadLettersByRoute,
                sinks.ledgerWriteFailures(), List.copyOf(routing.mismatches().values()), state);
    }

    /**
     * Tells the aggregations that stream time reached {@code streamTime} (as a record created then would): windows
     * that close by then close, and their final values are sent. For tests and drivers; a deployed function's stream
     * time moves with its records. The counts say how many windows closed and how many updates were sent; a window
     * a sink failed to take stays due. Throws {@link RetryableSinkException} when the state store cannot be reached.
     */
    public BatchResult.StateCounts advanceStreamTime(Instant streamTime, Deadline deadline) {
        if (statePhase == null) {
            return BatchResult.StateCounts.NONE;
        }
        return statePhase.advanceStreamTime(streamTime.toEpochMilli(), deadline, StageListener.NONE).counts();
    }

    /**
     * Builds a {@link BatchEngine}: {@code BatchEngine.builder(topology).sinks(..).deadLetters(..).ledger(..)
     * .ledgerRetry(policy, sleeper, random).executor(..).build()}. A topology with a ledgered route needs a ledger;
     * the ledger write retry defaults to {@link RetryPolicy#DEFAULT} with real sleeps.
     */
    public static final class Builder {
        /** The accepted memory's capacity a runtime uses unless told otherwise: about 7.5 MB of heap. */
        public static final int DEFAULT_ACCEPTED_MEMORY = 50_000;
        private final Topology topology;
        private Map<String, Sink> sinks = Map.of();
        private DeadLetterSink deadLetters;
        private EffectLedger ledger;
        private Executor executor;
        private AcceptedMemory acceptedMemory;
        private PhaseListener phaseListener = PhaseListener.NONE;
        private LongSupplier nanoTime = System::nanoTime;
        private RetryPolicy ledgerPolicy = RetryPolicy.DEFAULT;
        private Sleeper ledgerSleeper = Sleeper.REAL;
        private RandomGenerator ledgerRandom = new Random();
        private StateStore stateStore;

        private Builder(Topology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
        }

        /** The sinks by name; every sink the topology names must be there. */
        public Builder sinks(Map<String, Sink> sinksByName) {
            this.sinks = Map.copyOf(sinksByName);
            return this;
        }

        public Builder deadLetters(DeadLetterSink sink) {
            this.deadLetters = Objects.requireNonNull(sink, "deadLetters");
            return this;
        }

        /** The effect ledger the engine puts in front of every sink a ledgered route sends to. */
        public Builder ledger(EffectLedger effectLedger) {
            this.ledger = Objects.requireNonNull(effectLedger, "ledger");
            return this;
        }

        /** How a failed ledger write (after a successful send) is retried, within the invocation's deadline. */
        public Builder ledgerRetry(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
            this.ledgerPolicy = Objects.requireNonNull(policy, "policy");
            this.ledgerSleeper = Objects.requireNonNull(sleeper, "sleeper");
            this.ledgerRandom = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Remembers, for this engine, what each sink accepted on routes without a ledger (at most {@code capacity}
         * effect keys over all sinks, 1 or more; remembering one more evicts the one remembered longest ago, each
         * about 150 bytes of heap), so a redelivered batch skips those messages; what was evicted is sent again.
         * Without it every redelivered message of such a route is sent again. Ledgered routes are unaffected.
         */
        public Builder acceptedMemory(int capacity) {
            this.acceptedMemory = new AcceptedMemory(capacity);
            return this;
        }

        /**
         * Tells {@code listener} the {@link BatchPhases} of every batch, timed on {@link System#nanoTime()}; without
         * it ({@link PhaseListener#NONE}, the default) no phase is timed.
         */
        public Builder phases(PhaseListener listener) {
            return phases(listener, System::nanoTime);
        }

        /** As {@link #phases(PhaseListener)}, timed on {@code nanoTime} (a manual clock in tests). */
        public Builder phases(PhaseListener listener, LongSupplier nanoTime) {
            this.phaseListener = Objects.requireNonNull(listener, "listener");
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * Where the topology's aggregations keep their values; needed when it has any. The engine writes it once per
         * batch, after the sinks (see {@link StateStore} for why that is exactly once).
         */
        public Builder stateStore(StateStore store) {
            this.stateStore = Objects.requireNonNull(store, "stateStore");
            return this;
        }

        /** Where sinks are flushed; {@code Runnable::run} flushes them one after another on the caller's thread. */
        public Builder executor(Executor sinkExecutor) {
            this.executor = Objects.requireNonNull(sinkExecutor, "executor");
            return this;
        }

        /** The engine; {@link IllegalArgumentException} when a sink the topology names or a ledger is missing. */
        public BatchEngine build() {
            return new BatchEngine(this);
        }
    }
}
