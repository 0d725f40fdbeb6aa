package dev.streampipe.core.batch;

/**
 * Told, once per batch, how long each {@link Phase} of it took ({@link BatchEngine.Builder#phases}). Called on the
 * thread that ran the batch after the batch's result is ready, and only for batches that end with a result (a batch
 * that fails as a whole reports nothing). Must be quick and must not throw. Without a listener the engine reads no
 * clock for phases.
 */
@FunctionalInterface
public interface PhaseListener {
    /** Reports nothing: the default. */
    PhaseListener NONE = phases -> { };

    void batch(BatchPhases phases);
}
