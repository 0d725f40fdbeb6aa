package dev.streampipe.hotkey.alert;

import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Mitigation;
import java.util.List;
import java.util.Objects;

/**
 * A HOT or RECOVERED transition with what an operator needs to act on it.
 *
 * @param transition        the engine's transition (rates observed at the evaluation)
 * @param peakWcuPerSecond  the key's highest WCU/s seen in this hot episode, at least the observed rate
 * @param targetUtilization the fraction of the partition limit a write shard should run at
 * @param writeShardsNeeded {@code ceil(peak ÷ (1,000 × targetUtilization))}, at least 1
 * @param topKeys           the table's hottest keys at the evaluation, highest first
 */
public record KeyAlert(AlertTransition transition, double peakWcuPerSecond, double targetUtilization,
                       int writeShardsNeeded, List<KeyReport> topKeys) {

    public KeyAlert {
        Objects.requireNonNull(transition, "transition");
        if (transition.to() != KeyState.HOT && transition.to() != KeyState.RECOVERED) {
            throw new IllegalArgumentException("only HOT and RECOVERED transitions are alerts, was " + transition.to());
        }
        topKeys = List.copyOf(topKeys);
    }

    /** An alert whose shard count is computed from the peak. */
    public static KeyAlert of(AlertTransition transition, double peakWcuPerSecond, double targetUtilization,
                              List<KeyReport> topKeys) {
        double peak = Math.max(peakWcuPerSecond, transition.wcuPerSecond());
        return new KeyAlert(transition, peak, targetUtilization,
                Mitigation.writeShardsNeeded(peak, targetUtilization), topKeys);
    }

    public String table() {
        return transition.table();
    }

    public String key() {
        return transition.key();
    }

    /** HOT or RECOVERED. */
    public KeyState state() {
        return transition.to();
    }
}
