package dev.streampipe.monitor.stream;

import static dev.streampipe.monitor.stream.StreamRecords.keys;
import static dev.streampipe.monitor.stream.StreamRecords.record;
import static dev.streampipe.monitor.stream.StreamRecords.turn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.hotkey.client.SdkItemSize;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;

class WriteExtractorTest {

    private final WriteExtractor extractor = new WriteExtractor("PK");

    @Test
    void shouldReadTheKeyFromKeysAndTheSizeFromTheNewImageWhenAnItemIsInserted() {
        // GIVEN an INSERT with a 1,500-byte content
        var record = record(OperationType.INSERT, "100", keys("SESSION#1", "TURN#000001"), null,
                turn("SESSION#1", "TURN#000001", 1_500));
        // WHEN extracted
        StreamWrite write = extractor.extract(record).orElseThrow();
        // THEN the key is the DynamoDB partition key (not the sequence number) and the size is the new image's
        assertThat(write.partitionKey()).isEqualTo("SESSION#1");
        assertThat(write.sequenceNumber()).isEqualTo("100");
        assertThat(write.eventId()).isEqualTo("event-100");
        assertThat(write.createdAt()).isEqualTo(StreamRecords.CREATED);
        assertThat(write.sizeBytes()).isEqualTo(SdkItemSize.ofItem(turn("SESSION#1", "TURN#000001", 1_500)));
    }

    @Test
    void shouldSizeTheOldImageWhenAnItemIsRemoved() {
        var oldImage = turn("SESSION#1", "TURN#000001", 3_000);
        var record = record(OperationType.REMOVE, "101", keys("SESSION#1", "TURN#000001"), oldImage, null);
        assertThat(extractor.extract(record).orElseThrow().sizeBytes()).isEqualTo(SdkItemSize.ofItem(oldImage));
    }

    @Test
    void shouldSizeTheLargerImageWhenAnItemIsModified() {
        // GIVEN a MODIFY that shrinks the item: DynamoDB bills the larger of before and after
        var before = turn("SESSION#1", "TURN#000001", 5_000);
        var after = turn("SESSION#1", "TURN#000001", 10);
        var record = record(OperationType.MODIFY, "102", keys("SESSION#1", "TURN#000001"), before, after);
        assertThat(extractor.extract(record).orElseThrow().sizeBytes()).isEqualTo(SdkItemSize.ofItem(before));
    }

    @Test
    void shouldSizeTheKeysWhenTheStreamCarriesNoImage() {
        var record = record(OperationType.INSERT, "103", keys("SESSION#1", "TURN#000001"), null, null);
        assertThat(extractor.extract(record).orElseThrow().sizeBytes())
                .isEqualTo(SdkItemSize.ofItem(keys("SESSION#1", "TURN#000001")));
    }

    @Test
    void shouldRenderNumberAndBinaryKeysWhenThePartitionKeyIsNotAString() {
        var number = record(OperationType.INSERT, "104", Map.of("PK", AttributeValue.fromN("42")), null, null);
        var binary = record(OperationType.INSERT, "105",
                Map.of("PK", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3}))), null, null);
        assertThat(extractor.extract(number).orElseThrow().partitionKey()).isEqualTo("42");
        assertThat(extractor.extract(binary).orElseThrow().partitionKey()).isEqualTo("AQID");
    }

    @Test
    void shouldReturnNothingWhenThePartitionKeyAttributeIsMissing() {
        var record = record(OperationType.INSERT, "106", Map.of("id", AttributeValue.fromS("x")), null, null);
        assertThat(extractor.extract(record)).isEmpty();
        assertThat(new WriteExtractor("id").extract(record)).isPresent();
    }
}
