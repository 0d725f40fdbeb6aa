package dev.streampipe.bench.cost;

import dev.streampipe.hotkey.WriteUnits;

/**
 * How each service turns one call, record or item into billable units, as its pricing page states the rule (see
 * {@link PriceList} for the page). Pure functions; sizes are in bytes, KB is 1,024 bytes.
 */
public final class Billing {
    /** Firehose rounds each record up to the next 5 KB (5,120 bytes) for ingestion. */
    public static final long FIREHOSE_INCREMENT_BYTES = 5 * 1_024;
    /** SNS, SQS and EventBridge bill each started 64 KB chunk of a payload as one request or event. */
    public static final long CHUNK_BYTES = 64 * 1_024;
    /** DynamoDB reads bill per started 4 KB of item size. */
    public static final long READ_UNIT_BYTES = 4 * 1_024;
    /** EventBridge counts a set {@code Time} as 14 bytes of the entry (PutEvents entry size rule). */
    public static final long EVENTBRIDGE_TIME_BYTES = 14;

    private Billing() {
    }

    /** Bytes Firehose bills for one record: its size rounded up to a multiple of 5 KB, at least 5 KB. */
    public static long firehoseBilledBytes(long recordBytes) {
        requireSize(recordBytes);
        return Math.max(1, ceilDiv(recordBytes, FIREHOSE_INCREMENT_BYTES)) * FIREHOSE_INCREMENT_BYTES;
    }

    /** Requests (SNS, SQS) or events (EventBridge) one payload bills: one per started 64 KB, at least one. */
    public static long chunks(long payloadBytes) {
        requireSize(payloadBytes);
        return Math.max(1, ceilDiv(payloadBytes, CHUNK_BYTES));
    }

    /** DynamoDB write request units of one write: 1 per started KB of the larger of the old and new item. */
    public static long writeUnits(long oldItemBytes, long newItemBytes) {
        return WriteUnits.ofChange(oldItemBytes, newItemBytes);
    }

    /**
     * DynamoDB read request units of one item read (a GetItem, or one key of a BatchGetItem): 1 per started 4 KB,
     * at least 1 (an absent item still bills the minimum), halved for an eventually consistent read.
     */
    public static double readUnits(long itemBytes, boolean stronglyConsistent) {
        requireSize(itemBytes);
        long units = Math.max(1, ceilDiv(itemBytes, READ_UNIT_BYTES));
        return stronglyConsistent ? units : units / 2.0;
    }

    /** Lambda's billed duration of one invocation: the run time rounded up to the next millisecond, at least 1. */
    public static long lambdaBilledMillis(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos must be >= 0, was " + nanos);
        }
        return Math.max(1, ceilDiv(nanos, 1_000_000));
    }

    private static long ceilDiv(long n, long per) {
        return (n + per - 1) / per;
    }

    private static void requireSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("size must be >= 0 bytes, was " + bytes);
        }
    }
}
