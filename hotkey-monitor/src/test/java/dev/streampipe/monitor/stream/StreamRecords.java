package dev.streampipe.monitor.stream;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** SDK stream records as DynamoDB Streams' GetRecords returns them. */
final class StreamRecords {

    static final Instant CREATED = Instant.parse("2026-11-23T12:00:00Z");

    private StreamRecords() {
    }

    static Map<String, AttributeValue> keys(String pk, String sk) {
        return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk));
    }

    static Map<String, AttributeValue> turn(String pk, String sk, int contentBytes) {
        return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk),
                "content", AttributeValue.fromS("x".repeat(contentBytes)));
    }

    static Record record(OperationType type, String sequence, Map<String, AttributeValue> keys,
                         Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        StreamRecord.Builder change = StreamRecord.builder()
                .keys(keys).sequenceNumber(sequence).approximateCreationDateTime(CREATED).sizeBytes(1L);
        if (oldImage != null) {
            change.oldImage(oldImage);
        }
        if (newImage != null) {
            change.newImage(newImage);
        }
        return Record.builder().eventID("event-" + sequence).eventName(type).eventSource("aws:dynamodb")
                .dynamodb(change.build()).build();
    }

    static Record insert(String sequence, String pk, int contentBytes) {
        return record(OperationType.INSERT, sequence, keys(pk, "TURN#000001"), null, turn(pk, "TURN#000001", contentBytes));
    }
}
