package dev.streampipe.hotkey;

/**
 * Read capacity units consumed by a read, by DynamoDB's rules: 1 RCU per started 4 KB
 * (4,096 bytes) for a strongly consistent read, half that for an eventually consistent read,
 * double for a transactional read; at least one started 4 KB even for an empty result. A query or
 * scan page is billed on the sum of the sizes of the items it read, rounded up once
 * ({@link #ofSize} with the page's total); a batch get item by item.
 */
public final class ReadUnits {

    /** Bytes per read capacity unit. */
    public static final int BYTES_PER_RCU = 4_096;

    /** How a read is billed. */
    public enum Consistency {
        /** Half an RCU per started 4 KB. */
        EVENTUAL(0.5),
        /** One RCU per started 4 KB. */
        STRONG(1),
        /** Two RCUs per started 4 KB (TransactGetItems). */
        TRANSACTIONAL(2);

        private final double factor;

        Consistency(double factor) {
            this.factor = factor;
        }

        /** RCUs per started 4 KB. */
        public double factor() {
            return factor;
        }
    }

    private ReadUnits() {
    }

    /** RCU for reading {@code sizeBytes} (&gt;= 0) with {@code consistency}. */
    public static double ofSize(long sizeBytes, Consistency consistency) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
        long blocks = Math.max(1, (sizeBytes + BYTES_PER_RCU - 1) / BYTES_PER_RCU);
        return blocks * consistency.factor();
    }

    /** The consistency of a non-transactional read: {@code consistentRead} null means eventual. */
    public static Consistency of(Boolean consistentRead) {
        return Boolean.TRUE.equals(consistentRead) ? Consistency.STRONG : Consistency.EVENTUAL;
    }
}
