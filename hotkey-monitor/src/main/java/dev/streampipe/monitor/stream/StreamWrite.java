package dev.streampipe.monitor.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * One write as the monitor counts it, read from a DynamoDB stream record.
 *
 * @param partitionKey    the item's partition key value ({@code S} as is, {@code N} as its numeral,
 *                        {@code B} as Base64)
 * @param sizeBytes       billed item size: the larger of the old and new image (the keys alone when the
 *                        stream carries no image)
 * @param sequenceNumber  the stream record's sequence number
 * @param eventId         the stream record's event id
 * @param createdAt       the record's approximate creation time (second precision on AWS)
 */
public record StreamWrite(String partitionKey, long sizeBytes, String sequenceNumber, String eventId, Instant createdAt) {

    public StreamWrite {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
    }
}
