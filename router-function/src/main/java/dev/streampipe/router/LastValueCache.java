package dev.streampipe.router;

import java.util.function.Function;

/**
 * Remembers the last input and its result: records of one batch share a stream ARN and mostly a creation second,
 * so formatting them once per change instead of once per record is most of the saving. Thread-safe (the pair is
 * published as one immutable object).
 */
final class LastValueCache<K, V> {
    private record Entry<K, V>(K key, V value) {
    }

    private final Function<K, V> compute;
    private volatile Entry<K, V> last;

    LastValueCache(Function<K, V> compute) {
        this.compute = compute;
    }

    V get(K key) {
        Entry<K, V> e = last;
        if (e != null && e.key.equals(key)) {
            return e.value;
        }
        V value = compute.apply(key);
        last = new Entry<>(key, value);
        return value;
    }
}
