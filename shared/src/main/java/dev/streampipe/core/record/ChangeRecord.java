package dev.streampipe.core.record;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change from a DynamoDB stream, decoded. Immutable.
 *
 * @param eventId          the stream record's {@code eventID}, unique per change; consumers de-duplicate on it
 * @param eventName        INSERT, MODIFY or REMOVE
 * @param sequenceNumber   the record's position in its shard
 * @param approximateCreationTime when the change was made, to the second (or finer when the stream says so);
 *                         {@code null} when the record does not say (AWS marks the field optional)
 * @param sizeBytes        the stream record's size as DynamoDB reports it; 0 when the record does not say
 * @param keys             the item's key attributes
 * @param newImage         the item after the change; empty for REMOVE or when the stream does not carry it
 * @param oldImage         the item before the change; empty for INSERT or when the stream does not carry it
 * @param streamViewType   which images the stream carries; {@code null} when the record does not say
 * @param userIdentity     who made the change, present only for TTL deletions; may be {@code null}
 * @param eventSourceArn   the stream ARN; may be {@code null} when the event does not say
 * @param awsRegion        the region; may be {@code null}
 */
public record ChangeRecord(
        String eventId,
        EventName eventName,
        SequenceNumber sequenceNumber,
        Instant approximateCreationTime,
        long sizeBytes,
        Item keys,
        Optional<Item> newImage,
        Optional<Item> oldImage,
        StreamViewType streamViewType,
        UserIdentity userIdentity,
        String eventSourceArn,
        String awsRegion) {

    public ChangeRecord {
        if (eventId == null || eventId.isEmpty()) {
            throw new IllegalArgumentException("eventId must not be empty, was '" + eventId + "'");
        }
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(newImage, "newImage");
        Objects.requireNonNull(oldImage, "oldImage");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
    }

    /** When the change was made, if the record says. */
    public Optional<Instant> creationTime() {
        return Optional.ofNullable(approximateCreationTime);
    }

    /** Which images the stream carries, if the record says. */
    public Optional<StreamViewType> viewType() {
        return Optional.ofNullable(streamViewType);
    }

    /** True when DynamoDB's Time to Live deleted the item (not a user). */
    public boolean isTtlDeletion() {
        return eventName == EventName.REMOVE && userIdentity != null && userIdentity.isTtlService();
    }

    /** The table name parsed from the event source ARN ({@code ...:table/NAME/stream/...}), if known. */
    public Optional<String> tableName() {
        return eventSourceArn == null ? Optional.empty() : tableNameOf(eventSourceArn);
    }

    /** The table name in a DynamoDB table or stream ARN ({@code ...:table/NAME[/stream/...]}), if it has one. */
    public static Optional<String> tableNameOf(String eventSourceArn) {
        int start = eventSourceArn.indexOf(":table/");
        if (start < 0) {
            return Optional.empty();
        }
        start += ":table/".length();
        int end = eventSourceArn.indexOf('/', start);
        return Optional.of(end < 0 ? eventSourceArn.substring(start) : eventSourceArn.substring(start, end));
    }
}
