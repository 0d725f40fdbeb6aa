package dev.streampipe.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a DynamoDB stream the way Lambda's event source mapping does and invokes a function with the Lambda
 * event JSON: batches of at most {@code batchSize} records per shard, waiting up to the batching window to fill
 * one, in order within a shard, one batch in flight per shard; on a partial batch response it retries from the
 * reported sequence number; on a function error it bisects the batch (if enabled) and retries; after
 * {@code maxRetries} retries it sends the records to the on-failure destination and moves on.
 */
final class EventSourceMapping implements AutoCloseable {

    /** The function: takes the event JSON, returns the reported failed sequence numbers; throws on function error. */
    @FunctionalInterface
    interface Function {
        List<String> invoke(byte[] eventJson) throws Exception;
    }

    record Settings(int batchSize, Duration batchingWindow, int maxRetries, boolean bisectOnError, Duration idlePoll) {
        Settings {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1..10000, was " + batchSize);
            }
            if (maxRetries < 0 || maxRetries > 10_000) {
                throw new IllegalArgumentException("maxRetries must be 0..10000, was " + maxRetries);
            }
        }
    }

    /** Records a handoff INSERT's creation time and reason for the run's state check. */
    private void noteHandoff(Record r) {
        if (r.eventName() == null || !r.eventName().toString().equals("INSERT") || r.dynamodb().newImage() == null) {
            return;
        }
        var sk = r.dynamodb().newImage().get("SK");
        var reason = r.dynamodb().newImage().get("reason");
        if (sk == null || sk.s() == null || !sk.s().startsWith("HANDOFF#") || r.dynamodb().approximateCreationDateTime()
                == null) {
            return;
        }
        stats.handoffs.put(r.eventID(), Map.entry(r.dynamodb().approximateCreationDateTime().toEpochMilli(),
                reason == null || reason.s() == null ? "UNKNOWN" : reason.s()));
    }

    /** Counters the report reads; thread-safe. */
    static final class Stats {
        final AtomicLong recordsRead = new AtomicLong();
        final AtomicLong recordsDone = new AtomicLong();
        final AtomicLong invocations = new AtomicLong();
        final AtomicLong partialFailures = new AtomicLong();
        final AtomicLong functionErrors = new AtomicLong();
        final AtomicLong bisections = new AtomicLong();
        final AtomicLong recordsRedelivered = new AtomicLong();
        final AtomicLong recordsToOnFailure = new AtomicLong();
        final Set<String> eventIds = ConcurrentHashMap.newKeySet();
        /**
         * Each handoff INSERT the stream carried, by event id: its creation time (epoch millis) and {@code reason}
         * (the truth the router's handoffs-by-reason aggregation is checked against).
         */
        final Map<String, Map.Entry<Long, String>> handoffs = new ConcurrentHashMap<>();
        /** Per shard: when the oldest record not yet handled was read from the stream. */
        final Map<String, Instant> pendingSince = new ConcurrentHashMap<>();

        /** How long the oldest unhandled record has waited since it was read (zero when caught up). */
        Duration lag(Instant now) {
            return pendingSince.values().stream().min(Instant::compareTo)
                    .map(t -> Duration.between(t, now)).orElse(Duration.ZERO);
        }
    }

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Function function;
    private final Settings settings;
    private final Clock clock;
    private final Consumer<List<Record>> onFailure;
    private final Stats stats = new Stats();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private volatile Set<String> listed = Set.of();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Thread discovery;
    private final MappingSemantics<Record> semantics;
    private volatile boolean running = true;

    EventSourceMapping(DynamoDbStreamsClient streams, String streamArn, Function function, Settings settings,
                       Clock clock, Consumer<List<Record>> onFailure) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.streamArn = Objects.requireNonNull(streamArn, "streamArn");
        this.function = Objects.requireNonNull(function, "function");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.semantics = new MappingSemantics<>(r -> r.dynamodb().sequenceNumber(),
                new MappingSemantics.Settings(settings.maxRetries(), settings.bisectOnError()),
                b -> function.invoke(LambdaEventJson.event(b, streamArn)), this::toOnFailure, new Counting());
        this.discovery = new Thread(this::discover, "esm-discovery");
        this.discovery.setDaemon(true);
    }

    EventSourceMapping start() {
        discovery.start();
        return this;
    }

    Stats stats() {
        return stats;
    }

    private void discover() {
        while (running) {
            try {
                List<Shard> shards = shards();
                listed = shards.stream().map(Shard::shardId).collect(java.util.stream.Collectors.toUnmodifiableSet());
                for (Shard shard : shards) {
                    if (started.add(shard.shardId())) {
                        Thread t = new Thread(() -> readShard(shard), "esm-" + shard.shardId());
                        t.setDaemon(true);
                        threads.put(shard.shardId(), t);
                        t.start();
                    }
                }
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("{\"kind\":\"esm\",\"error\":\"describe-stream failed: " + e.getMessage() + "\"}");
                }
            }
        }
    }

    private List<Shard> shards() {
        List<Shard> all = new ArrayList<>();
        String last = null;
        do {
            String from = last;
            var description = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from))
                    .streamDescription();
            all.addAll(description.shards());
            last = description.lastEvaluatedShardId();
        } while (last != null);
        return all;
    }

    private void readShard(Shard shard) {
        String parent = shard.parentShardId();
        // A child shard is read only after its parent is read to its end, as Lambda does.
        while (running && parent != null && listed.contains(parent) && !finished.contains(parent)) {
            sleep(settings.idlePoll());
        }
        String lastRead = null;
        String iterator = null;
        while (running && iterator == null) {
            try {
                iterator = iterator(shard, null);
            } catch (RuntimeException e) {
                sleep(settings.idlePoll());
            }
        }
        List<Record> buffer = new ArrayList<>();
        List<Instant> arrivals = new ArrayList<>();
        while (running) {
            GetRecordsResponse response;
            try {
                String current = iterator;
                response = streams.getRecords(b -> b.shardIterator(current).limit(1000));
            } catch (RuntimeException e) {
                // Expired or trimmed iterators and transient errors: start again after the last record read.
                if (!(e instanceof ExpiredIteratorException)) {
                    System.err.println("{\"kind\":\"esm\",\"shard\":\"" + shard.shardId() + "\",\"retrying_after\":\""
                            + e.getClass().getSimpleName() + "\"}");
                    sleep(settings.idlePoll());
                }
                try {
                    iterator = iterator(shard, lastRead);
                } catch (RuntimeException again) {
                    sleep(settings.idlePoll());
                }
                continue;
            }
            if (!response.records().isEmpty()) {
                lastRead = response.records().get(response.records().size() - 1).dynamodb().sequenceNumber();
            }
            Instant arrived = clock.instant();
            for (int i = 0; i < response.records().size(); i++) {
                arrivals.add(arrived);
            }
            buffer.addAll(response.records());
            for (Record r : response.records()) {
                stats.eventIds.add(r.eventID());
                noteHandoff(r);
            }
            stats.recordsRead.addAndGet(response.records().size());
            iterator = response.nextShardIterator();
            boolean shardEnded = iterator == null;
            while (!buffer.isEmpty() && (buffer.size() >= settings.batchSize() || shardEnded || !running
                    || Duration.between(arrivals.get(0), clock.instant()).compareTo(settings.batchingWindow()) >= 0)) {
                List<Record> batch = new ArrayList<>(buffer.subList(0, Math.min(settings.batchSize(), buffer.size())));
                stats.pendingSince.put(shard.shardId(), arrivals.get(0));
                buffer.subList(0, batch.size()).clear();
                arrivals.subList(0, batch.size()).clear();
                deliver(batch);
                if (arrivals.isEmpty()) {
                    stats.pendingSince.remove(shard.shardId());
                } else {
                    stats.pendingSince.put(shard.shardId(), arrivals.get(0));
                }
            }
            if (shardEnded) {
                finished.add(shard.shardId());
                return;
            }
            if (response.records().isEmpty()) {
                sleep(settings.idlePoll());
            }
        }
    }

    private String iterator(Shard shard, String afterSequence) {
        return afterSequence == null
                ? streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()
                : streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(afterSequence))
                        .shardIterator();
    }

    /** Delivers one batch until it is done or sent to the on-failure destination ({@link MappingSemantics}). */
    private void deliver(List<Record> batch) {
        semantics.deliver(batch);
    }

    /** Keeps {@link Stats} as the mapping's rules run. */
    private final class Counting implements MappingSemantics.Listener<Record> {
        @Override
        public void invoked(List<Record> batch) {
            stats.invocations.incrementAndGet();
        }

        @Override
        public void functionError(List<Record> batch, Exception error) {
            stats.functionErrors.incrementAndGet();
        }

        @Override
        public void partialFailure(List<Record> batch, int failedFrom) {
            stats.partialFailures.incrementAndGet();
        }

        @Override
        public void bisected(List<Record> batch) {
            stats.bisections.incrementAndGet();
        }

        @Override
        public void redelivered(List<Record> records) {
            stats.recordsRedelivered.addAndGet(records.size());
        }

        @Override
        public void done(List<Record> records) {
            stats.recordsDone.addAndGet(records.size());
        }
    }

    private void toOnFailure(List<Record> records) {
        stats.recordsToOnFailure.addAndGet(records.size());
        onFailure.accept(records);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling; batches in flight finish. */
    @Override
    public void close() {
        running = false;
        discovery.interrupt();
        for (Thread t : threads.values()) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
