package dev.streampipe.monitor.stream;

/**
 * Told of every write a shard processor counts, after the engine has counted it. Called on KCL's
 * processing threads, concurrently for different shards: implementations must be thread-safe and fast.
 * A write read again after a restart from an older checkpoint is reported again.
 */
@FunctionalInterface
public interface WriteListener {

    /** A listener that does nothing. */
    WriteListener NONE = (shardId, write) -> { };

    /** Called once per counted write. */
    void onWrite(String shardId, StreamWrite write);
}
