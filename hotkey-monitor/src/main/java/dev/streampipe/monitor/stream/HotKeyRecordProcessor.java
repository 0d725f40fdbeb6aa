package dev.streampipe.monitor.stream;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import dev.streampipe.hotkey.HotKeyEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * KCL processor of one stream shard: counts every record's write in the shared {@link HotKeyEngine}
 * and checkpoints.
 *
 * <p><b>Checkpoints.</b> After a batch, when at least {@code checkpointInterval} has passed since the
 * last checkpoint and records arrived since, it checkpoints at the batch's last record, so a restart
 * reads again at most what arrived within one interval (plus the batch being processed). A failed
 * periodic checkpoint (throttling, a DynamoDB error) is logged, counted and retried after the next
 * batch. At shard end it must checkpoint (KCL's contract, or the children never start) and fails the
 * shutdown task if it cannot, so KCL retries it. On a requested shutdown it checkpoints what it has.
 * On a lost lease it cannot checkpoint: another worker resumes from the last checkpoint.
 *
 * <p>One instance per shard; KCL calls it from one thread at a time.
 */
public final class HotKeyRecordProcessor implements DynamoDBStreamsShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(HotKeyRecordProcessor.class);

    private final String table;
    private final HotKeyEngine engine;
    private final WriteExtractor extractor;
    private final EventTime eventTime;
    private final Duration checkpointInterval;
    private final Clock clock;
    private final ProcessingStats stats;
    private final WriteListener listener;

    private String shardId = "unknown";
    private Instant lastCheckpoint;
    private long uncheckpointedRecords;

    /**
     * @param table              table name given to the engine
     * @param engine             shared engine
     * @param extractor          reads key and size from each record
     * @param eventTime          which instant a write is counted at
     * @param checkpointInterval least time between periodic checkpoints
     * @param clock              processing time and checkpoint timing
     * @param stats              shared counters
     * @param listener           told of each counted write
     */
    public HotKeyRecordProcessor(String table, HotKeyEngine engine, WriteExtractor extractor, EventTime eventTime,
                                 Duration checkpointInterval, Clock clock, ProcessingStats stats, WriteListener listener) {
        this.table = table;
        this.engine = engine;
        this.extractor = extractor;
        this.eventTime = eventTime;
        this.checkpointInterval = checkpointInterval;
        this.clock = clock;
        this.stats = stats;
        this.listener = listener;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        lastCheckpoint = clock.instant();
        LOG.atInfo().addKeyValue("kind", "shard_started").addKeyValue("shard", shardId)
                .addKeyValue("from", input.extendedSequenceNumber()).log("shard processor started");
    }

    @Override
    public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
        for (DynamoDBStreamsClientRecord record : input.records()) {
            Optional<StreamWrite> write = extractor.extract(record.getRecord());
            if (write.isPresent()) {
                StreamWrite w = write.get();
                Instant at = eventTime == EventTime.CREATION ? w.createdAt() : clock.instant();
                engine.record(table, w.partitionKey(), shardId, w.sizeBytes(), at);
                stats.processed();
                listener.onWrite(shardId, w);
            } else {
                stats.skipped();
                LOG.atWarn().addKeyValue("kind", "record_skipped").addKeyValue("shard", shardId)
                        .addKeyValue("sequenceNumber", record.sequenceNumber())
                        .log("record without a usable partition key skipped");
            }
        }
        uncheckpointedRecords += input.records().size();
        Instant now = clock.instant();
        if (uncheckpointedRecords > 0 && !now.isBefore(lastCheckpoint.plus(checkpointInterval))) {
            periodicCheckpoint(input.checkpointer(), now);
        }
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        stats.leftUncheckpointed(uncheckpointedRecords);
        LOG.atInfo().addKeyValue("kind", "lease_lost").addKeyValue("shard", shardId)
                .addKeyValue("uncheckpointedRecords", uncheckpointedRecords).log("lease lost");
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        try {
            input.checkpointer().checkpoint();
            stats.checkpointed();
            LOG.atInfo().addKeyValue("kind", "shard_ended").addKeyValue("shard", shardId)
                    .log("shard ended and checkpointed");
        } catch (ShutdownException e) {
            stats.checkpointFailed();
            LOG.atInfo().addKeyValue("kind", "shard_ended_lease_moved").addKeyValue("shard", shardId)
                    .log("shard ended after the lease moved; the new owner checkpoints");
        } catch (ThrottlingException | KinesisClientLibDependencyException | InvalidStateException e) {
            stats.checkpointFailed();
            throw new IllegalStateException("checkpoint at the end of shard " + shardId + " failed; KCL retries", e);
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        if (uncheckpointedRecords == 0) {
            return;
        }
        try {
            input.checkpointer().checkpoint();
            stats.checkpointed();
            uncheckpointedRecords = 0;
            LOG.atInfo().addKeyValue("kind", "shutdown_checkpointed").addKeyValue("shard", shardId)
                    .log("checkpointed on shutdown");
        } catch (ShutdownException e) {
            stats.checkpointFailed();
            LOG.atInfo().addKeyValue("kind", "shutdown_lease_moved").addKeyValue("shard", shardId)
                    .log("lease moved before the shutdown checkpoint");
        } catch (ThrottlingException | KinesisClientLibDependencyException | InvalidStateException e) {
            stats.checkpointFailed();
            LOG.atWarn().addKeyValue("kind", "shutdown_checkpoint_failed").addKeyValue("shard", shardId).setCause(e)
                    .log("shutdown checkpoint failed; the next owner reads again from the last checkpoint");
        }
    }

    private void periodicCheckpoint(RecordProcessorCheckpointer checkpointer, Instant now) {
        try {
            checkpointer.checkpoint();
            stats.checkpointed();
            lastCheckpoint = now;
            uncheckpointedRecords = 0;
        } catch (ShutdownException e) {
            stats.checkpointFailed();
            LOG.atInfo().addKeyValue("kind", "lease_lost_before_checkpoint").addKeyValue("shard", shardId)
                    .log("lease lost before checkpoint");
        } catch (ThrottlingException | KinesisClientLibDependencyException | InvalidStateException e) {
            stats.checkpointFailed();
            LOG.atWarn().addKeyValue("kind", "checkpoint_failed").addKeyValue("shard", shardId).setCause(e)
                    .log("periodic checkpoint failed, retried after the next batch");
        }
    }
}
