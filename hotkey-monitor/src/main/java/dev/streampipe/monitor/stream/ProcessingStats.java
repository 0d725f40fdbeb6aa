package dev.streampipe.monitor.stream;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters shared by every shard processor of one monitor; safe for concurrent updates. Reads are
 * momentary sums, not a consistent snapshot across counters.
 */
public final class ProcessingStats {

    private final LongAdder recordsProcessed = new LongAdder();
    private final LongAdder recordsSkipped = new LongAdder();
    private final LongAdder checkpoints = new LongAdder();
    private final LongAdder checkpointFailures = new LongAdder();
    private final LongAdder recordsLeftUncheckpointed = new LongAdder();

    /** Records counted by the engine (a record read twice after a restart counts twice). */
    public long recordsProcessed() {
        return recordsProcessed.sum();
    }

    /** Records without a usable partition key, not counted. */
    public long recordsSkipped() {
        return recordsSkipped.sum();
    }

    /** Checkpoints written. */
    public long checkpoints() {
        return checkpoints.sum();
    }

    /** Checkpoint attempts that failed (retried at the next interval, or lost with the lease). */
    public long checkpointFailures() {
        return checkpointFailures.sum();
    }

    /**
     * Records counted after the last checkpoint of a shard whose lease was then lost: the next owner
     * reads them again. The cost of a crash or a stolen lease, bounded by the checkpoint interval.
     */
    public long recordsLeftUncheckpointed() {
        return recordsLeftUncheckpointed.sum();
    }

    void leftUncheckpointed(long records) {
        recordsLeftUncheckpointed.add(records);
    }

    void processed() {
        recordsProcessed.increment();
    }

    void skipped() {
        recordsSkipped.increment();
    }

    void checkpointed() {
        checkpoints.increment();
    }

    void checkpointFailed() {
        checkpointFailures.increment();
    }
}
