package dev.streampipe.monitor.stream;

import dev.streampipe.hotkey.client.SdkItemSize;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Turns a DynamoDB stream record (the one the Kinesis adapter wraps; its Kinesis
 * {@code partitionKey()} is the sequence number, not the item's key) into a {@link StreamWrite}:
 * the partition key from {@code Keys}, the billed size from the images.
 */
public final class WriteExtractor {

    private final String partitionKeyName;

    /** An extractor reading the partition key attribute {@code partitionKeyName}. */
    public WriteExtractor(String partitionKeyName) {
        this.partitionKeyName = Objects.requireNonNull(partitionKeyName, "partitionKeyName");
    }

    /**
     * The write, or empty when the record has no usable partition key (attribute missing from
     * {@code Keys}, or not a string, number or binary): such a record cannot be attributed to a key.
     */
    public Optional<StreamWrite> extract(Record record) {
        StreamRecord change = record.dynamodb();
        if (change == null || !change.hasKeys()) {
            return Optional.empty();
        }
        AttributeValue key = change.keys().get(partitionKeyName);
        String partitionKey = key == null ? null : keyText(key);
        if (partitionKey == null) {
            return Optional.empty();
        }
        Instant createdAt = change.approximateCreationDateTime() != null
                ? change.approximateCreationDateTime() : Instant.EPOCH;
        return Optional.of(new StreamWrite(partitionKey, billedSize(change), change.sequenceNumber(),
                record.eventID() == null ? change.sequenceNumber() : record.eventID(), createdAt));
    }

    /**
     * The item size a write is billed on: the larger of the old and new image (so an INSERT counts its
     * new image, a REMOVE its old image, a MODIFY the larger). A KEYS_ONLY stream has no image; its
     * keys are the best lower bound available.
     */
    static long billedSize(StreamRecord change) {
        Map<String, AttributeValue> newImage = change.hasNewImage() ? change.newImage() : null;
        Map<String, AttributeValue> oldImage = change.hasOldImage() ? change.oldImage() : null;
        if (newImage == null && oldImage == null) {
            return SdkItemSize.ofItem(change.keys());
        }
        return Math.max(SdkItemSize.ofItem(newImage), SdkItemSize.ofItem(oldImage));
    }

    private static String keyText(AttributeValue key) {
        return switch (key.type()) {
            case S -> key.s();
            case N -> key.n();
            case B -> Base64.getEncoder().encodeToString(key.b().asByteArrayUnsafe());
            default -> null;
        };
    }
}
