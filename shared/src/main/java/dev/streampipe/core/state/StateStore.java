package dev.streampipe.core.state;

import dev.streampipe.core.batch.RetryableSinkException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where aggregations keep their values. The engine calls it once per batch, after the sinks, with the batch's whole
 * contribution, so a store is written once per (group, window) a batch touched, never per record.
 *
 * <p><b>The contract that makes state exactly once.</b> A batch is identified by its first record (its
 * {@code eventID}): Lambda delivers a shard's records in order, and delivers records again only from a point it was
 * told (a reported failure) or from the start of a batch whose invocation failed (a crash, a timeout, a whole-batch
 * retry, the first half of a bisected batch). So every delivery that can repeat records already applied starts with
 * the same first record as the delivery that applied them, and {@link #apply} <em>replaces</em> what an earlier call
 * with the same batch id contributed: it takes that back and adds the new contribution, atomically per group, taking
 * back too the groups the earlier call touched and this one does not. The engine contributes only the records before
 * the failure it reports, so the deliveries that follow start after them.
 *
 * <p>Implementations throw {@link RetryableSinkException} when the store cannot be read or written (throttling, an
 * outage); the engine then asks Lambda for the batch again from its first record.
 */
public interface StateStore {

    /**
     * Makes {@code contribution} (per group key, one delta per measure of its store) batch {@code batch}'s whole
     * contribution, replacing an earlier one made under the same id. A key of a window that is already closed is
     * not applied; the keys refused so are returned (late records).
     */
    Set<GroupKey> apply(String batch, Map<GroupKey, long[]> contribution);

    /** The current values of {@code keys} (absent: never written); each one measure per value of its store. */
    Map<GroupKey, long[]> get(Collection<GroupKey> keys);

    /**
     * Moves the stream time of windowed store {@code store} to {@code streamTimeMillis} if that is later, closes
     * every window that closes at or before the stream time (no record is added to it after), and returns the
     * closed windows whose final values were not yet {@linkplain #emitted emitted}, earliest first.
     */
    List<ClosedWindow> closeDue(String store, long streamTimeMillis);

    /** Records that the final values of {@code store}'s window starting at {@code windowStart} were sent. */
    void emitted(String store, long windowStart);

    /** The stream time of windowed store {@code store} (epoch millis; {@link Long#MIN_VALUE} before any record). */
    long streamTime(String store);

    /** The values of every group of {@code store} (all windows of a windowed store), for reports and tests. */
    Map<GroupKey, long[]> all(String store);
}
