package dev.streampipe.monitor.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.HotKeyEngine;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;

class HotKeyRecordProcessorTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final HotKeyEngine engine = HotKeyEngine.create(
            HotKeyConfig.builder().defaultThreshold(Threshold.ofWcu(10)).build(), clock);
    private final ProcessingStats stats = new ProcessingStats();
    private final List<StreamWrite> heard = new ArrayList<>();
    private final FakeCheckpointer checkpointer = new FakeCheckpointer();
    private HotKeyRecordProcessor processor;
    private int sequence;

    @BeforeEach
    void initialize() {
        processor = new HotKeyRecordProcessor("sessions", engine, new WriteExtractor("PK"), EventTime.PROCESSING,
                INTERVAL, clock, stats, (shard, write) -> heard.add(write));
        processor.initialize(InitializationInput.builder().shardId("shard-1").build());
    }

    @Test
    void shouldCountEachRecordUnderItsDynamoDbKeyWhenABatchArrives() {
        // GIVEN 3 writes to one key and 1 to another, 2 WCU each (1,500-byte items)
        // WHEN processed
        processor.processRecords(batch("SESSION#a", "SESSION#a", "SESSION#a", "SESSION#b"));
        // THEN the engine saw them under the item keys, in shard-1, and the listener heard each
        assertThat(engine.rateOf("sessions", "SESSION#a")).hasValueSatisfying(r -> {
            assertThat(r.writesPerSecond()).isEqualTo(3);
            assertThat(r.wcuPerSecond()).isEqualTo(6);
        });
        assertThat(engine.topShards("sessions", 1)).singleElement()
                .satisfies(s -> assertThat(s.shardId()).isEqualTo("shard-1"));
        assertThat(heard).extracting(StreamWrite::partitionKey)
                .containsExactly("SESSION#a", "SESSION#a", "SESSION#a", "SESSION#b");
        assertThat(stats.recordsProcessed()).isEqualTo(4);
    }

    @Test
    void shouldCheckpointOnlyOnceTheIntervalHasPassedWhenBatchesKeepArriving() {
        // GIVEN batches within the interval
        processor.processRecords(batch("SESSION#a"));
        clock.advance(INTERVAL.minusMillis(1));
        processor.processRecords(batch("SESSION#a"));
        // THEN no checkpoint yet
        assertThat(checkpointer.attempts()).isZero();
        // WHEN the interval has passed at the next batch
        clock.advance(Duration.ofMillis(1));
        processor.processRecords(batch("SESSION#a"));
        // THEN one checkpoint, and the interval restarts from it
        assertThat(checkpointer.checkpoints()).isEqualTo(1);
        clock.advance(INTERVAL.minusMillis(1));
        processor.processRecords(batch("SESSION#a"));
        assertThat(checkpointer.checkpoints()).isEqualTo(1);
        assertThat(stats.checkpoints()).isEqualTo(1);
    }

    @Test
    void shouldCheckpointOnAnEmptyBatchWhenRecordsAreUncheckpointedAndTheIntervalPassed() {
        // GIVEN records read, then the stream goes quiet
        processor.processRecords(batch("SESSION#a"));
        clock.advance(INTERVAL);
        // WHEN KCL calls with an empty batch (callProcessRecordsEvenForEmptyRecordList)
        processor.processRecords(batch());
        // THEN the processed records are checkpointed; later empty batches write nothing
        assertThat(checkpointer.checkpoints()).isEqualTo(1);
        clock.advance(INTERVAL);
        processor.processRecords(batch());
        assertThat(checkpointer.attempts()).isEqualTo(1);
    }

    @Test
    void shouldRetryAtTheNextBatchWhenAPeriodicCheckpointIsThrottled() {
        // GIVEN a throttled checkpoint
        checkpointer.failNextWith(new ThrottlingException("slow down"));
        processor.processRecords(batch("SESSION#a"));
        clock.advance(INTERVAL);
        processor.processRecords(batch("SESSION#a"));
        assertThat(checkpointer.checkpoints()).isZero();
        assertThat(stats.checkpointFailures()).isEqualTo(1);
        // WHEN the next batch arrives, without waiting another interval
        processor.processRecords(batch("SESSION#a"));
        // THEN it checkpoints
        assertThat(checkpointer.checkpoints()).isEqualTo(1);
    }

    @Test
    void shouldCheckpointWhenTheShardEnds() throws Exception {
        processor.processRecords(batch("SESSION#a"));
        processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build());
        assertThat(checkpointer.checkpoints()).isEqualTo(1);
    }

    @Test
    void shouldFailTheShutdownTaskWhenTheShardEndCheckpointFails() {
        // GIVEN a checkpoint that cannot be stored
        checkpointer.failNextWith(new InvalidStateException("lease table gone"));
        // WHEN the shard ends  THEN KCL gets an exception, so it retries the shard-end task
        assertThatThrownBy(() -> processor.shardEnded(ShardEndedInput.builder().checkpointer(checkpointer).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("checkpoint at the end of shard shard-1 failed")
                .hasCauseInstanceOf(InvalidStateException.class);
    }

    @Test
    void shouldCheckpointWhatItCountedWhenShutdownIsRequested() {
        processor.processRecords(batch("SESSION#a", "SESSION#b"));
        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(checkpointer).build());
        assertThat(checkpointer.checkpoints()).isEqualTo(1);
    }

    @Test
    void shouldNotCheckpointWhenTheLeaseIsLostOrMovedAway() {
        // GIVEN records and a lease that moved before the interval checkpoint
        checkpointer.failNextWith(new ShutdownException("lease moved"));
        processor.processRecords(batch("SESSION#a"));
        clock.advance(INTERVAL);
        processor.processRecords(batch("SESSION#a"));
        // WHEN the lease is lost
        processor.leaseLost(LeaseLostInput.builder().build());
        // THEN nothing was checkpointed (the next owner re-reads from the last checkpoint)
        assertThat(checkpointer.checkpoints()).isZero();
        assertThat(stats.checkpointFailures()).isEqualTo(1);
        assertThat(stats.recordsLeftUncheckpointed()).isEqualTo(2);
    }

    @Test
    void shouldSkipAndCountRecordsWhenThePartitionKeyIsMissing() {
        var keyless = StreamRecords.record(OperationType.INSERT, "9", java.util.Map.of(
                "id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x")), null, null);
        processor.processRecords(input(List.of(DynamoDBStreamsClientRecord.fromRecord(keyless))));
        assertThat(stats.recordsSkipped()).isEqualTo(1);
        assertThat(stats.recordsProcessed()).isZero();
        assertThat(engine.tables()).isEmpty();
    }

    @Test
    void shouldCountWritesAtTheirCreationTimeWhenConfiguredSo() {
        // GIVEN a processor counting creation time, and records created 1 h before the clock
        HotKeyRecordProcessor byCreation = new HotKeyRecordProcessor("sessions", engine, new WriteExtractor("PK"),
                EventTime.CREATION, INTERVAL, clock, stats, WriteListener.NONE);
        byCreation.initialize(InitializationInput.builder().shardId("shard-2").build());
        clock.advance(Duration.ofHours(1));
        // WHEN processed
        byCreation.processRecords(batch("SESSION#old"));
        // THEN they fall outside the window that ends now
        assertThat(engine.rateOf("sessions", "SESSION#old")).hasValueSatisfying(
                r -> assertThat(r.writesPerSecond()).isZero());
    }

    private DynamoDBStreamsProcessRecordsInput batch(String... keys) {
        return input(IntStream.range(0, keys.length)
                .mapToObj(i -> DynamoDBStreamsClientRecord.fromRecord(
                        StreamRecords.insert(Integer.toString(++sequence), keys[i], 1_500)))
                .toList());
    }

    private DynamoDBStreamsProcessRecordsInput input(List<DynamoDBStreamsClientRecord> records) {
        return DynamoDBStreamsProcessRecordsInput.builder()
                .records(records).checkpointer(checkpointer).childShards(List.of()).build();
    }
}
