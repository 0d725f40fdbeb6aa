package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.Phase;
import dev.streampipe.core.batch.PhaseRecorder;
import java.util.function.Supplier;

/**
 * Told at the boundaries of one batch's stages (a routing pass, a sink's delivery, its ledger read, send and ledger
 * write, the dead letters): how the engine times its {@link Phase}s without timing code inside the stages.
 * {@link #NONE} reads no clock. Called from any thread.
 */
public interface StageListener {
    /** Told nothing, reads no clock: the engine without a phase listener. */
    StageListener NONE = new StageListener() {
        @Override
        public long started(Phase phase, String sinkOrNull) {
            return 0;
        }

        @Override
        public void ended(Phase phase, String sinkOrNull, long token) {
            // nothing to record
        }
    };

    /** Stage {@code phase} (of {@code sinkOrNull}) starts; returns the token its {@link #ended} gets. */
    long started(Phase phase, String sinkOrNull);

    /** Stage {@code phase} (of {@code sinkOrNull}), which {@link #started} with {@code token}, ended. */
    void ended(Phase phase, String sinkOrNull, long token);

    /** Runs {@code stage} as {@code phase} of {@code sinkOrNull}, telling this listener where it starts and ends. */
    default <T> T around(Phase phase, String sinkOrNull, Supplier<T> stage) {
        long token = started(phase, sinkOrNull);
        try {
            return stage.get();
        } finally {
            ended(phase, sinkOrNull, token);
        }
    }

    /** Records each stage as a span in {@code phases} (the token is the start time); {@link #NONE} for OFF. */
    static StageListener recording(PhaseRecorder phases) {
        if (phases == PhaseRecorder.OFF) {
            return NONE;
        }
        return new StageListener() {
            @Override
            public long started(Phase phase, String sinkOrNull) {
                return phases.now();
            }

            @Override
            public void ended(Phase phase, String sinkOrNull, long token) {
                phases.span(phase, sinkOrNull, token);
            }
        };
    }
}
