package dev.streampipe.bench.hotkey;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A synthetic write stream: {@code distinctKeys} cold keys drawn uniformly or by Zipf(1), plus
 * one hot key (index {@code distinctKeys}) taking {@code hotShare} of the writes, with item
 * sizes of 100..4,000 bytes. Draws are precomputed into a power-of-two sequence so the measured
 * loop does no sampling. Key {@code i} is {@code SESSION#} and 8 hex digits; {@link #freshKey}
 * builds it as a new string, as a stream decoder would, so its hash is computed per write and
 * no pooled string has to be fetched from memory.
 */
final class Workload {

    static final String TABLE = "chat";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    private static final int KEY_LENGTH = 16;

    final int[] sequence;
    final int[] sizes;
    final int mask;
    final int hotKey;

    private Workload(int[] sequence, int[] sizes, int hotKey) {
        this.sequence = sequence;
        this.sizes = sizes;
        this.mask = sequence.length - 1;
        this.hotKey = hotKey;
    }

    /** A scratch buffer for {@link #freshKey}; one per thread. */
    static byte[] scratch() {
        return "SESSION#00000000".getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Key {@code index} as a new string, built in {@code scratch}. */
    static String freshKey(int index, byte[] scratch) {
        int digits = index;
        for (int i = KEY_LENGTH - 1; i >= KEY_LENGTH - 8; i--) {
            scratch[i] = HEX[digits & 15];
            digits >>>= 4;
        }
        return new String(scratch, 0, KEY_LENGTH, StandardCharsets.ISO_8859_1);
    }

    static Workload create(String distribution, int distinctKeys, double hotShare, int log2Length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] zipfCdf = distribution.equals("zipf") ? zipfCdf(distinctKeys) : null;
        int length = 1 << log2Length;
        int[] sequence = new int[length];
        int[] sizes = new int[length];
        for (int i = 0; i < length; i++) {
            if (random.nextDouble() < hotShare) {
                sequence[i] = distinctKeys;
            } else if (zipfCdf == null) {
                sequence[i] = random.nextInt(distinctKeys);
            } else {
                sequence[i] = sample(zipfCdf, random.nextDouble());
            }
            sizes[i] = 100 + random.nextInt(3_901);
        }
        if (!distribution.equals("zipf") && !distribution.equals("uniform")) {
            throw new IllegalArgumentException("distribution must be uniform or zipf, was " + distribution);
        }
        return new Workload(sequence, sizes, distinctKeys);
    }

    private static double[] zipfCdf(int n) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += 1.0 / (rank + 1);
            cdf[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            cdf[rank] /= sum;
        }
        return cdf;
    }

    private static int sample(double[] cdf, double u) {
        int low = 0;
        int high = cdf.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cdf[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
