package dev.streampipe.hotkey.advice;

import java.util.Objects;

/**
 * The stated rules the advice applies.
 *
 * @param targetUtilization    fraction of the partition limits a write (read) shard should run at, (0, 1] (default 0.8)
 * @param autoScalingTarget    provisioned mode's auto scaling target utilization, (0, 1] (default 0.7, the
 *                             console's default): provisioned capacity = p99 second ÷ this, i.e. the headroom
 * @param maxPeakToP99         provisioned is recommended only if peak ≤ this × p99 (default 2): auto scaling
 *                             reacts in minutes, so sharper spikes live on burst capacity or throttle
 * @param topKeys              hot keys listed, &gt;= 1 (default 5)
 * @param hoursPerMonth        the month prices are projected over (default 730)
 * @param prices               list prices (default {@link CapacityPrices#US_EAST_1_STANDARD})
 */
public record AdvicePolicy(double targetUtilization, double autoScalingTarget, double maxPeakToP99, int topKeys,
                           double hoursPerMonth, CapacityPrices prices) {

    public AdvicePolicy {
        requireFraction("targetUtilization", targetUtilization);
        requireFraction("autoScalingTarget", autoScalingTarget);
        if (!(maxPeakToP99 >= 1)) {
            throw new IllegalArgumentException("maxPeakToP99 must be >= 1, was " + maxPeakToP99);
        }
        if (topKeys < 1) {
            throw new IllegalArgumentException("topKeys must be >= 1, was " + topKeys);
        }
        if (!(hoursPerMonth > 0)) {
            throw new IllegalArgumentException("hoursPerMonth must be > 0, was " + hoursPerMonth);
        }
        Objects.requireNonNull(prices, "prices");
    }

    public static AdvicePolicy defaults() {
        return new AdvicePolicy(0.8, 0.7, 2, 5, 730, CapacityPrices.US_EAST_1_STANDARD);
    }

    public AdvicePolicy withTargetUtilization(double value) {
        return new AdvicePolicy(value, autoScalingTarget, maxPeakToP99, topKeys, hoursPerMonth, prices);
    }

    private static void requireFraction(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
        }
    }
}
