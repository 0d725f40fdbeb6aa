package dev.streampipe.hotkey;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link HotKeyEngine}. Build with {@link #builder()}; every option has a default.
 *
 * @param defaultThreshold       threshold when no override applies (default 800 WCU/s and 2,400 RCU/s,
 *                               operation counts unlimited: 80% of the 1,000 WCU/s and 3,000 RCU/s partition limits)
 * @param windowSeconds          sliding window length in one-second buckets, 1..300 (default 10)
 * @param rateMode               how last second and window average combine (default max of both)
 * @param recoveryFraction       a HOT key recovers only below this fraction of its threshold, (0, 1] (default 0.8)
 * @param recoveryHold           ... and only after staying below it this long, &gt;= 0 (default 5 s)
 * @param cooldown               a RECOVERED key cannot re-alert for this long, &gt;= 0 (default 60 s)
 * @param maxTrackedKeysPerTable cap on exactly counted candidate keys per table, &gt;= stripes (default 1,024)
 * @param sketchWidth            Count-Min counters per row per table, a power of two,
 *                               stripes × 64 .. 2^24 (default 32,768: ε = e/width ≈ 8.3e-5)
 * @param sketchDepth            Count-Min rows, 1..8 (default 4: δ = e^-4 ≈ 1.8%)
 * @param stripes                lock stripes per table, a power of two 1..64 (default 8)
 * @param admissionFraction      a key becomes a candidate once its sketch estimate within one second
 *                               reaches this fraction of the lowest configured limit, (0, 1] (default 0.1)
 * @param historySeconds         per-second table totals kept for the throughput advice, 0..86,400
 *                               (default 3,600; 0 keeps none and turns the traffic ledger off)
 * @param ledgerKeys             keys whose traffic totals are kept per table for the advice, 1..65,536 (default 256)
 */
public record HotKeyConfig(
        Threshold defaultThreshold,
        int windowSeconds,
        RateMode rateMode,
        double recoveryFraction,
        Duration recoveryHold,
        Duration cooldown,
        int maxTrackedKeysPerTable,
        int sketchWidth,
        int sketchDepth,
        int stripes,
        double admissionFraction,
        int historySeconds,
        int ledgerKeys) {

    public HotKeyConfig {
        Objects.requireNonNull(defaultThreshold, "defaultThreshold");
        Objects.requireNonNull(rateMode, "rateMode");
        requireRange("windowSeconds", windowSeconds, 1, 300);
        requireFraction("recoveryFraction", recoveryFraction);
        requireNonNegative("recoveryHold", recoveryHold);
        requireNonNegative("cooldown", cooldown);
        requirePowerOfTwo("stripes", stripes, 1, 64);
        requireRange("maxTrackedKeysPerTable", maxTrackedKeysPerTable, stripes, 1 << 20);
        requirePowerOfTwo("sketchWidth", sketchWidth, stripes * 64, 1 << 24);
        requireRange("sketchDepth", sketchDepth, 1, 8);
        requireFraction("admissionFraction", admissionFraction);
        requireRange("historySeconds", historySeconds, 0, 86_400);
        requireRange("ledgerKeys", ledgerKeys, 1, 1 << 16);
    }

    /** All defaults. */
    public static HotKeyConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this config's values. */
    public Builder toBuilder() {
        return new Builder()
                .defaultThreshold(defaultThreshold).windowSeconds(windowSeconds).rateMode(rateMode)
                .recoveryFraction(recoveryFraction).recoveryHold(recoveryHold).cooldown(cooldown)
                .maxTrackedKeysPerTable(maxTrackedKeysPerTable).sketchWidth(sketchWidth)
                .sketchDepth(sketchDepth).stripes(stripes).admissionFraction(admissionFraction)
                .historySeconds(historySeconds).ledgerKeys(ledgerKeys);
    }

    /** Count-Min ε: per-key overestimate ≤ ε × (WCU recorded in the key's stripe in that second). */
    public double sketchEpsilon() {
        return Math.E / sketchWidth;
    }

    /** Count-Min δ: probability that the ε bound fails for one key. */
    public double sketchDelta() {
        return Math.exp(-sketchDepth);
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private Threshold defaultThreshold = Threshold.ofWcu(800).withRcu(2_400);
        private int windowSeconds = 10;
        private RateMode rateMode = RateMode.MAX_OF_LAST_SECOND_AND_AVERAGE;
        private double recoveryFraction = 0.8;
        private Duration recoveryHold = Duration.ofSeconds(5);
        private Duration cooldown = Duration.ofSeconds(60);
        private int maxTrackedKeysPerTable = 1_024;
        private int sketchWidth = 1 << 15;
        private int sketchDepth = 4;
        private int stripes = 8;
        private double admissionFraction = 0.1;
        private int historySeconds = 3_600;
        private int ledgerKeys = 256;

        private Builder() {
        }

        public Builder defaultThreshold(Threshold value) {
            defaultThreshold = value;
            return this;
        }

        public Builder windowSeconds(int value) {
            windowSeconds = value;
            return this;
        }

        public Builder rateMode(RateMode value) {
            rateMode = value;
            return this;
        }

        public Builder recoveryFraction(double value) {
            recoveryFraction = value;
            return this;
        }

        public Builder recoveryHold(Duration value) {
            recoveryHold = value;
            return this;
        }

        public Builder cooldown(Duration value) {
            cooldown = value;
            return this;
        }

        public Builder maxTrackedKeysPerTable(int value) {
            maxTrackedKeysPerTable = value;
            return this;
        }

        public Builder sketchWidth(int value) {
            sketchWidth = value;
            return this;
        }

        public Builder sketchDepth(int value) {
            sketchDepth = value;
            return this;
        }

        public Builder stripes(int value) {
            stripes = value;
            return this;
        }

        public Builder admissionFraction(double value) {
            admissionFraction = value;
            return this;
        }

        public Builder historySeconds(int value) {
            historySeconds = value;
            return this;
        }

        public Builder ledgerKeys(int value) {
            ledgerKeys = value;
            return this;
        }

        public HotKeyConfig build() {
            return new HotKeyConfig(defaultThreshold, windowSeconds, rateMode, recoveryFraction, recoveryHold,
                    cooldown, maxTrackedKeysPerTable, sketchWidth, sketchDepth, stripes, admissionFraction,
                    historySeconds, ledgerKeys);
        }
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
        }
    }

    private static void requirePowerOfTwo(String name, int value, int min, int max) {
        if (value < min || value > max || Integer.bitCount(value) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two in " + min + ".." + max + ", was " + value);
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
        }
    }

    private static void requireNonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }
}
