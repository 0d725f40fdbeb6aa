package dev.streampipe.core.batch;

import dev.streampipe.core.topology.Topology;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Builds a {@link BatchEngine}: {@code BatchEngine.builder(topology).sinks(..).deadLetters(..).ledger(..)
 * .ledgerRetry(policy, sleeper, random).executor(..).build()}. A topology with a ledgered route needs a ledger;
 * the ledger write retry defaults to {@link RetryPolicy#DEFAULT} with real sleeps.
 */
public final class BatchEngineBuilder {
    final Topology topology;
    private final Function<BatchEngineBuilder, BatchEngine> factory;
    Map<String, Sink> sinks = Map.of();
    DeadLetterSink deadLetters;
    EffectLedger ledger;
    Executor executor;
    AcceptedMemory acceptedMemory;
    PhaseListener phaseListener = PhaseListener.NONE;
    LongSupplier nanoTime = System::nanoTime;
    private RetryPolicy ledgerPolicy = RetryPolicy.DEFAULT;
    private Sleeper ledgerSleeper = Sleeper.REAL;
    private RandomGenerator ledgerRandom = new Random();

    BatchEngineBuilder(Topology topology, Function<BatchEngineBuilder, BatchEngine> factory) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.factory = factory;
    }

    /** The sinks by name; every sink the topology names must be there. */
    public BatchEngineBuilder sinks(Map<String, Sink> sinksByName) {
        this.sinks = Map.copyOf(sinksByName);
        return this;
    }

    public BatchEngineBuilder deadLetters(DeadLetterSink sink) {
        this.deadLetters = Objects.requireNonNull(sink, "deadLetters");
        return this;
    }

    /** The effect ledger the engine puts in front of every sink a ledgered route sends to. */
    public BatchEngineBuilder ledger(EffectLedger effectLedger) {
        this.ledger = Objects.requireNonNull(effectLedger, "ledger");
        return this;
    }

    /** How a failed ledger write (after a successful send) is retried, within the invocation's deadline. */
    public BatchEngineBuilder ledgerRetry(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this.ledgerPolicy = Objects.requireNonNull(policy, "policy");
        this.ledgerSleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.ledgerRandom = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * Remembers, in {@code memory}, what each sink accepted on routes without a ledger, so a redelivered batch skips
     * those messages (see {@link AcceptedMemory} for the bound and eviction); without it every redelivered message of
     * such a route is sent again. Ledgered routes are unaffected.
     */
    public BatchEngineBuilder acceptedMemory(AcceptedMemory memory) {
        this.acceptedMemory = Objects.requireNonNull(memory, "acceptedMemory");
        return this;
    }

    /**
     * Tells {@code listener} the {@link BatchPhases} of every batch, timed on {@link System#nanoTime()}; without it
     * ({@link PhaseListener#NONE}, the default) no phase is timed.
     */
    public BatchEngineBuilder phases(PhaseListener listener) {
        return phases(listener, System::nanoTime);
    }

    /** As {@link #phases(PhaseListener)}, timed on {@code nanoTime} (a manual clock in tests). */
    public BatchEngineBuilder phases(PhaseListener listener, LongSupplier nanoTime) {
        this.phaseListener = Objects.requireNonNull(listener, "listener");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        return this;
    }

    /** Where sinks are flushed; {@code Runnable::run} flushes them one after another on the caller's thread. */
    public BatchEngineBuilder executor(Executor sinkExecutor) {
        this.executor = Objects.requireNonNull(sinkExecutor, "executor");
        return this;
    }

    EntryRetrier<String> ledgerRetrier() {
        return new EntryRetrier<>(ledgerPolicy, ledgerSleeper, ledgerRandom);
    }

    public BatchEngine build() {
        return factory.apply(this);
    }
}
