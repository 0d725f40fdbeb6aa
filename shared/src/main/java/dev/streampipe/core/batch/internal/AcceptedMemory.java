package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.BatchEngine;
import dev.streampipe.core.batch.EffectKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded in-memory record, for one container, of the messages each sink accepted, keyed by sink name and
 * {@link EffectKey}, so a batch redelivered to the same container can skip what a sink already took.
 *
 * <p>Bound and eviction: at most {@code capacity} keys over all sinks; remembering one more evicts the key
 * remembered longest ago (insertion order; remembering a key again makes it the newest). A key costs about 150 bytes
 * of heap, so the default of {@value BatchEngine.Builder#DEFAULT_ACCEPTED_MEMORY} keys is about 7.5 MB: a few
 * batches of 1,000 records on five routes, enough for the redelivery that follows a partial failure. What is
 * evicted, or was accepted by another container, is simply sent again: the record is an optimisation for the routes
 * that tolerate repeats, never a guarantee. It holds messages of routes without a ledger only: a ledgered route's
 * effects are looked up in and written to the durable ledger exactly as without this record.
 *
 * <p>Thread-safe. Made by {@link BatchEngine.Builder#acceptedMemory}.
 */
public final class AcceptedMemory {
    private final int capacity;
    private final LinkedHashMap<Accepted, Boolean> keys;

    /** One sink's acceptance of one effect. */
    private record Accepted(String sink, EffectKey effect) {
    }

    /** @param capacity most keys held, 1 or more */
    public AcceptedMemory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Accepted, Boolean> eldest) {
                return size() > AcceptedMemory.this.capacity;
            }
        };
    }

    /** Whether {@code sink} is remembered to have accepted {@code effect}. */
    synchronized boolean accepted(String sink, EffectKey effect) {
        return keys.containsKey(new Accepted(sink, effect));
    }

    /** Remembers that {@code sink} accepted each of {@code effects}, evicting the oldest keys past the bound. */
    synchronized void remember(String sink, Collection<EffectKey> effects) {
        for (EffectKey effect : effects) {
            Accepted k = new Accepted(sink, effect);
            keys.remove(k);
            keys.put(k, Boolean.TRUE);
        }
    }

    synchronized int size() {
        return keys.size();
    }

    int capacity() {
        return capacity;
    }
}
