package dev.streampipe.hotkey;

import java.util.Arrays;

/**
 * Summary of per-second rates over a sample of seconds. Percentiles are nearest-rank: the
 * p-th percentile is the {@code ceil(p/100 × n)}-th smallest of the n samples.
 *
 * @param samples seconds in the sample (n)
 * @param mean    mean rate per second, 0 when empty
 * @param p50     median second
 * @param p99     99th percentile second
 * @param peak    busiest second
 */
public record Distribution(int samples, double mean, double p50, double p99, double peak) {

    public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0);

    /** The distribution of {@code perSecond}, one value per second. */
    public static Distribution of(double[] perSecond) {
        int n = perSecond.length;
        if (n == 0) {
            return EMPTY;
        }
        double[] sorted = perSecond.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Distribution(n, sum / n, nearestRank(sorted, 50), nearestRank(sorted, 99), sorted[n - 1]);
    }

    private static double nearestRank(double[] sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
