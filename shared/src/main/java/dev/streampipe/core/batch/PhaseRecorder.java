package dev.streampipe.core.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Collects the {@link BatchPhases} of one batch, from any thread. {@link #OFF} records nothing and reads no clock:
 * what the engine uses without a {@link PhaseListener}. A runtime that decodes the batch itself starts one, records
 * {@link Phase#DECODE}, hands it to {@link BatchEngine#process(dev.streampipe.core.decode.DecodedBatch, Deadline,
 * PhaseRecorder)} and calls {@link #finish} once its answer is out.
 */
public final class PhaseRecorder {
    /** Records nothing. */
    public static final PhaseRecorder OFF = new PhaseRecorder(null);
    private final LongSupplier nanoTime;
    private final List<BatchPhases.Span> spans = new ArrayList<>();
    private long tailStart;
    private boolean tailStarted;

    private PhaseRecorder(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A recorder reading {@code nanoTime} (e.g. {@code System::nanoTime}, or a manual clock in tests). */
    public static PhaseRecorder start(LongSupplier nanoTime) {
        return new PhaseRecorder(Objects.requireNonNull(nanoTime, "nanoTime"));
    }

    /** The clock's reading, to pass as a span's start; 0 when {@link #OFF}. */
    public long now() {
        return nanoTime == null ? 0 : nanoTime.getAsLong();
    }

    /** Records {@code phase} (for {@code sinkOrNull}) from {@code startNanos} to now. */
    public void span(Phase phase, String sinkOrNull, long startNanos) {
        if (nanoTime == null) {
            return;
        }
        BatchPhases.Span span = new BatchPhases.Span(phase, sinkOrNull, startNanos, nanoTime.getAsLong());
        synchronized (spans) {
            spans.add(span);
        }
    }

    /** Marks where {@link Phase#TAIL} starts: the engine calls it once sinks and dead letters are done. */
    void tailStarts() {
        if (nanoTime != null) {
            tailStart = nanoTime.getAsLong();
            tailStarted = true;
        }
    }

    /** Ends the tail (if it started) and returns the batch's phases in start order (of two that start together, the longer first). */
    public BatchPhases finish() {
        if (tailStarted) {
            span(Phase.TAIL, null, tailStart);
            tailStarted = false;
        }
        List<BatchPhases.Span> copy;
        synchronized (spans) {
            copy = new ArrayList<>(spans);
        }
        copy.sort(Comparator.comparingLong(BatchPhases.Span::startNanos)
                .thenComparing(Comparator.comparingLong(BatchPhases.Span::endNanos).reversed()));
        return new BatchPhases(copy);
    }
}
