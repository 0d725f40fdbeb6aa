package dev.streampipe.core.batch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded in-memory record, for one container, of the messages each sink accepted, keyed by sink name and effect
 * key ({@code <eventID>#<route>}), so a batch redelivered to the same container can skip what a sink already took.
 *
 * <p>Bound and eviction: at most {@code capacity} keys over all sinks; remembering one more evicts the key
 * remembered longest ago (insertion order; remembering a key again makes it the newest). A key costs about 150 bytes
 * of heap, so the {@linkplain #DEFAULT_CAPACITY default} of {@value #DEFAULT_CAPACITY} keys is about 7.5 MB: a few
 * batches of 1,000 records on five routes, enough for the redelivery that follows a partial failure. What is
 * evicted, or was accepted by another container, is simply sent again: the record is an optimisation for the routes
 * that tolerate repeats, never a guarantee. It holds messages of routes without a ledger only: a ledgered route's
 * effects are looked up in and written to the durable ledger exactly as without this record.
 *
 * <p>Thread-safe.
 */
public final class AcceptedMemory {
    /** The capacity the runtime uses unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 50_000;

    private final int capacity;
    private final LinkedHashMap<String, Boolean> keys;

    /** @param capacity most keys held, 1 or more */
    public AcceptedMemory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > AcceptedMemory.this.capacity;
            }
        };
    }

    /** Whether {@code sink} is remembered to have accepted the effect {@code effectKey}. */
    public synchronized boolean accepted(String sink, String effectKey) {
        return keys.containsKey(key(sink, effectKey));
    }

    /** Remembers that {@code sink} accepted each of {@code effectKeys}, evicting the oldest keys past the bound. */
    public synchronized void remember(String sink, Collection<String> effectKeys) {
        for (String effectKey : effectKeys) {
            String k = key(sink, effectKey);
            keys.remove(k);
            keys.put(k, Boolean.TRUE);
        }
    }

    public synchronized int size() {
        return keys.size();
    }

    public int capacity() {
        return capacity;
    }

    private static String key(String sink, String effectKey) {
        return sink + '\u0000' + effectKey;
    }
}
