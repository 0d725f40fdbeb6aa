package dev.streampipe.monitor.stream;

import dev.streampipe.hotkey.HotKeyEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/** Creates one {@link HotKeyRecordProcessor} per shard, all sharing one engine, counters and listener. */
public final class HotKeyProcessorFactory implements ShardRecordProcessorFactory {

    private final String table;
    private final HotKeyEngine engine;
    private final WriteExtractor extractor;
    private final EventTime eventTime;
    private final Duration checkpointInterval;
    private final Clock clock;
    private final ProcessingStats stats;
    private final WriteListener listener;

    /** See {@link HotKeyRecordProcessor#HotKeyRecordProcessor} for the parameters. */
    public HotKeyProcessorFactory(String table, HotKeyEngine engine, WriteExtractor extractor,
                                  EventTime eventTime, Duration checkpointInterval,
                                  Clock clock, ProcessingStats stats, WriteListener listener) {
        this.table = Objects.requireNonNull(table, "table");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
        this.checkpointInterval = Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public ShardRecordProcessor shardRecordProcessor() {
        return new HotKeyRecordProcessor(table, engine, extractor, eventTime, checkpointInterval, clock, stats, listener);
    }
}
