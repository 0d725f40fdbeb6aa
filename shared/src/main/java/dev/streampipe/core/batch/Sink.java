package dev.streampipe.core.batch;

import java.util.List;

/**
 * A named destination for messages. Contract:
 * <ul>
 *   <li>{@link #deliver} sends every message, batching at the destination's limits, and retries only what the
 *   destination reports failed, for as long as {@code deadline} allows;</li>
 *   <li>it reports each message that failed in the end in {@link SinkResult}, never silently drops one, and
 *   reports a message it can never send (too large, invalid) as a permanent failure;</li>
 *   <li>it may throw {@link RetryableSinkException} when nothing could be sent: every message then counts as a
 *   retryable failure;</li>
 *   <li>it is called from a pool thread, at most once at a time per batch, and must be thread-safe across
 *   batches.</li>
 * </ul>
 */
public interface Sink {
    String name();

    SinkResult deliver(List<Message> messages, Deadline deadline);
}
