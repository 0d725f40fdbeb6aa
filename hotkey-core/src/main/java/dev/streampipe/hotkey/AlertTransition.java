package dev.streampipe.hotkey;

import java.time.Instant;
import java.util.Objects;

/**
 * One state change of a key, emitted by {@link HotKeyEngine#evaluate(Instant)} for the
 * alerting adapter to publish. The rates are those observed at {@code at}.
 *
 * @param table           table name
 * @param key             partition key
 * @param from            previous state
 * @param to              new state, never equal to {@code from}
 * @param wcuPerSecond    observed WCU/s
 * @param writesPerSecond observed writes/s
 * @param rcuPerSecond    observed RCU/s (0 when only writes are recorded)
 * @param readsPerSecond  observed reads/s
 * @param threshold       the threshold that applied to this key
 * @param at              evaluation time
 */
public record AlertTransition(
        String table,
        String key,
        KeyState from,
        KeyState to,
        double wcuPerSecond,
        double writesPerSecond,
        double rcuPerSecond,
        double readsPerSecond,
        Threshold threshold,
        Instant at) {

    public AlertTransition {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(at, "at");
        if (from == to) {
            throw new IllegalArgumentException("a transition must change state, was " + from + " -> " + to);
        }
    }

    /** A transition with no read rates. */
    public AlertTransition(String table, String key, KeyState from, KeyState to, double wcuPerSecond,
                           double writesPerSecond, Threshold threshold, Instant at) {
        this(table, key, from, to, wcuPerSecond, writesPerSecond, 0, 0, threshold, at);
    }

    /** True for the transition an operator is paged about. */
    public boolean isAlert() {
        return to == KeyState.HOT;
    }
}
