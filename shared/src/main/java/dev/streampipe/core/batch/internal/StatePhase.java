package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.batch.UnexpectedFailureException;
import dev.streampipe.core.decode.DecodeOutcome;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.SequenceNumber;
import dev.streampipe.core.state.AggregateUpdate;
import dev.streampipe.core.state.Aggregation;
import dev.streampipe.core.state.ClosedWindow;
import dev.streampipe.core.state.GroupKey;
import dev.streampipe.core.state.StateStore;
import dev.streampipe.core.state.TimeWindows;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.core.topology.internal.CompiledTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.zip.CRC32;

/**
 * The aggregations' part of one batch, run after the sinks: the contributions of the records before the failure the
 * batch will report (all of them when none) summed per (group, window) in memory and written in one
 * {@link StateStore#apply} under the batch's id (its first record), so a later delivery of the same records replaces
 * rather than adds; then windows due to close are closed and their final values sent, and table aggregations send
 * their changed values. A state store that cannot be reached, or an update a sink fails retryably, makes the whole
 * batch come again (the failure is put on its first record): the replace makes that safe.
 */
public final class StatePhase {
    /** Under this much time left, the state write is not started: the batch is asked for again instead. */
    static final Duration MARGIN = Duration.ofMillis(500);
    private final Topology topology;
    private final StateStore store;
    private final DeliveryChains chains;
    private final Executor executor;
    private final Map<String, Set<GroupKey>> pending = new HashMap<>();
    private final Map<String, Long> lastEmit = new HashMap<>();
    private final Map<String, Long> checkedBoundary = new HashMap<>();

    public StatePhase(Topology topology, StateStore store, DeliveryChains chains, Executor executor) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.store = Objects.requireNonNull(store, "store");
        this.chains = Objects.requireNonNull(chains, "chains");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** What the phase came to: its counts and the sink tally of the updates it sent. */
    public record Outcome(BatchResult.StateCounts counts, BatchDeliveries.Tally tally,
                          Map<String, Long> recordsByAggregation) {
        Outcome(BatchResult.StateCounts counts, BatchDeliveries.Tally tally) {
            this(counts, tally, Map.of());
        }
    }

    /**
     * What the records the state may take contribute, per record: run before the dead letters, since a record an
     * aggregation cannot read is poison for it (marked on {@code tracker}, dead-lettered with the others).
     */
    public Contributions contribute(DecodedBatch batch, BatchTracker tracker) {
        int end = tracker.stateEnd(batch);
        List<List<Part>> parts = new ArrayList<>(end);
        List<Long> times = new ArrayList<>(end);
        for (int i = 0; i < end; i++) {
            List<Part> here = new ArrayList<>(2);
            parts.add(here);
            if (!(batch.outcomes().get(i) instanceof DecodeOutcome.Decoded d)) {
                times.add(null);
                continue;
            }
            ChangeRecord record = d.record();
            times.add(record.creationTime().map(Instant::toEpochMilli).orElse(null));
            for (Aggregation a : topology.aggregations()) {
                List<Aggregation.Contribution> made;
                try {
                    made = a.contributions(record);
                } catch (RuntimeException e) {
                    tracker.poison(i, a.name(), "aggregation '" + a.name() + "' cannot read the record: "
                            + CompiledTopology.reason(e, record));
                    continue;
                }
                Long time = a.windowed() ? record.creationTime().map(Instant::toEpochMilli).orElse(null) : null;
                if (time != null) {
                    here.add(new Part(a.name(), null, time));
                }
                for (Aggregation.Contribution c : made) {
                    here.add(new Part(a.name(), new GroupKey(a.name(), c.group(), c.windowStart()), c.delta()));
                }
            }
        }
        return new Contributions(parts, times);
    }

    /** One record's part in one aggregation: a delta for a group, or (key {@code null}) its creation time. */
    private record Part(String store, GroupKey keyOrNull, Object deltaOrTime) {
    }

    /** The contributions of a batch's records, by record index. */
    public static final class Contributions {
        private final List<List<Part>> byRecord;
        private final List<Long> times;

        private Contributions(List<List<Part>> byRecord, List<Long> times) {
            this.byRecord = byRecord;
            this.times = times;
        }
    }

    /**
     * Writes the contributions of the records before the failure the batch reports now (after its dead letters, which
     * may have made a record retryable), closes the windows due and sends the updates.
     */
    public Outcome run(Contributions contributions, DecodedBatch batch, BatchTracker tracker, Deadline deadline,
                       StageListener stages) {
        int end = Math.min(tracker.stateEnd(batch), contributions.byRecord.size());
        if (end == 0) {
            return new Outcome(BatchResult.StateCounts.NONE, null);
        }
        String batchId = batchId(batch);
        Map<GroupKey, long[]> contribution = new TreeMap<>();
        Map<String, Long> streamTimes = new HashMap<>();
        int applied = 0;
        Map<String, Long> byAggregation = new TreeMap<>();
        for (int i = 0; i < end; i++) {
            Set<String> stores = new TreeSet<>();
            for (Part p : contributions.byRecord.get(i)) {
                if (p.keyOrNull() == null) {
                    streamTimes.merge(p.store(), (Long) p.deltaOrTime(), Math::max);
                } else {
                    stores.add(p.store());
                    contribution.merge(p.keyOrNull(), ((long[]) p.deltaOrTime()).clone(), StatePhase::add);
                }
            }
            if (!stores.isEmpty()) {
                applied++;
                stores.forEach(a -> byAggregation.merge(a, 1L, Long::sum));
            }
        }
        if (!deadline.allows(Duration.ZERO, MARGIN)) {
            tracker.retry(0, "state not written: " + deadline.remaining().toMillis() + " ms left of the invocation");
            return new Outcome(BatchResult.StateCounts.NONE, null);
        }
        Set<GroupKey> late;
        try {
            late = store.apply(batchId, contribution);
        } catch (RetryableSinkException e) {
            tracker.retry(0, "state store: " + e.getMessage());
            return new Outcome(BatchResult.StateCounts.NONE, null);
        } catch (RuntimeException e) {
            throw new UnexpectedFailureException("state store failed on batch " + batchId + ": " + e, e);
        }
        List<Message> updates = new ArrayList<>();
        List<ClosedWindow> closing = new ArrayList<>();
        try {
            for (Aggregation a : topology.aggregations()) {
                if (a.windowed()) {
                    Long t = streamTimes.get(a.name());
                    closing.addAll(due(a, t == null ? Long.MIN_VALUE : t, updates, anchorSeqOr(batch)));
                } else if (a.output().isPresent()) {
                    List<GroupKey> due = changedDue(a, contribution.keySet(), batchTime(contributions, end));
                    store.get(due).forEach((k, v) -> updates.add(message(a, new AggregateUpdate(a.name(),
                            k.group(), null, null, a.measures(), v), "agg:" + batchId + ":" + k.group(),
                            anchorSeqOr(batch))));
                }
            }
        } catch (RetryableSinkException e) {
            tracker.retry(0, "state store: " + e.getMessage());
            return new Outcome(new BatchResult.StateCounts(applied, contribution.size(), late.size(), 0, 0), null);
        }
        BatchDeliveries.Tally tally = send(updates, tracker, deadline, stages);
        int closed = 0;
        if (tracker.earliestRetry() >= end) {
            try {
                closed = markEmitted(closing);
            } catch (RetryableSinkException e) {
                tracker.retry(0, "state store: " + e.getMessage());
            }
        }
        return new Outcome(new BatchResult.StateCounts(applied, contribution.size(), late.size(), closed,
                updates.size()), tally, byAggregation);
    }

    /**
     * Moves every windowed aggregation's stream time to {@code streamTimeMillis} (if later), closes the windows due,
     * sends their final values and records them sent: what a test driver does when told time passed. A window whose
     * final values a sink failed to take stays due, and is sent again by the next call or batch. Throws
     * {@link RetryableSinkException} when the store cannot be reached.
     */
    public Outcome advanceStreamTime(long streamTimeMillis, Deadline deadline, StageListener stages) {
        List<Message> updates = new ArrayList<>();
        List<ClosedWindow> closing = new ArrayList<>();
        for (Aggregation a : topology.aggregations()) {
            if (a.windowed()) {
                closing.addAll(due(a, streamTimeMillis, updates, SequenceNumber.of("0")));
            }
        }
        BatchTracker tracker = new BatchTracker(1);
        BatchDeliveries.Tally tally = send(updates, tracker, deadline, stages);
        int closed = tracker.earliestRetry() == Integer.MAX_VALUE && tracker.poisonOf(0).isEmpty()
                ? markEmitted(closing) : 0;
        return new Outcome(new BatchResult.StateCounts(0, 0, 0, closed, updates.size()), tally);
    }

    /**
     * The groups of table aggregation {@code a} to send now: those this batch changed, plus those changed since the
     * last send, when its emit interval of stream time has passed ({@code batchTime} is the batch's latest creation
     * time); every time for an interval of zero. Remembered per runtime instance.
     */
    private List<GroupKey> changedDue(Aggregation a, Set<GroupKey> changed, long batchTime) {
        List<GroupKey> mine = changed.stream().filter(k -> k.store().equals(a.name())).toList();
        if (a.emitEvery().isZero()) {
            return mine;
        }
        synchronized (pending) {
            Set<GroupKey> waiting = pending.computeIfAbsent(a.name(), n -> new TreeSet<>());
            waiting.addAll(mine);
            Long last = lastEmit.get(a.name());
            if (last != null && batchTime < last + a.emitEvery().toMillis()) {
                return List.of();
            }
            lastEmit.put(a.name(), batchTime);
            List<GroupKey> due = List.copyOf(waiting);
            waiting.clear();
            return due;
        }
    }

    private static long batchTime(Contributions contributions, int end) {
        long t = Long.MIN_VALUE;
        for (int i = 0; i < end; i++) {
            Long created = contributions.times.get(i);
            if (created != null) {
                t = Math.max(t, created);
            }
        }
        return t;
    }

    private List<ClosedWindow> due(Aggregation a, long streamTime, List<Message> updates, SequenceNumber seq) {
        if (!mayClose(a, streamTime)) {
            return List.of();
        }
        List<ClosedWindow> due;
        try {
            due = store.closeDue(a.name(), streamTime);
        } catch (RuntimeException e) {
            synchronized (checkedBoundary) {
                checkedBoundary.remove(a.name());
            }
            throw e;
        }
        if (!due.isEmpty()) {
            synchronized (checkedBoundary) {
                checkedBoundary.remove(a.name()); // not all sent yet, maybe: ask again on the next batch
            }
        }
        if (a.output().isPresent()) {
            for (ClosedWindow w : due) {
                w.finalValues().forEach((g, v) -> updates.add(message(a, new AggregateUpdate(a.name(), g,
                        Instant.ofEpochMilli(w.start()), Instant.ofEpochMilli(w.end()), a.measures(), v),
                        "window:" + a.name() + ":" + w.start() + ":" + g, seq)));
            }
        }
        return due;
    }

    /**
     * Whether a batch whose latest creation time is {@code streamTime} may close a window of {@code a}: windows close
     * at {@code start + size + grace}, {@code start} a multiple of the advance, so this instance asks the store only
     * once per advance of stream time (and on its first batch), not on every batch.
     */
    private boolean mayClose(Aggregation a, long streamTime) {
        if (streamTime == Long.MIN_VALUE) {
            return false;
        }
        TimeWindows w = a.windows().orElseThrow();
        long boundary = Math.floorDiv(streamTime - w.closesAt(0), w.advance().toMillis());
        synchronized (checkedBoundary) {
            Long checked = checkedBoundary.get(a.name());
            if (checked != null && boundary <= checked) {
                return false;
            }
            checkedBoundary.put(a.name(), boundary);
            return true;
        }
    }

    private BatchDeliveries.Tally send(List<Message> updates, BatchTracker tracker, Deadline deadline,
                                       StageListener stages) {
        if (updates.isEmpty()) {
            return null;
        }
        Map<String, List<Message>> bySink = new LinkedHashMap<>();
        for (Message m : updates) {
            bySink.computeIfAbsent(m.sink(), s -> new ArrayList<>()).add(m);
        }
        BatchDeliveries deliveries = new BatchDeliveries(chains, executor, deadline, stages);
        deliveries.start(bySink);
        return deliveries.joinAll(bySink.keySet(), tracker);
    }

    private int markEmitted(List<ClosedWindow> closing) {
        int closed = 0;
        for (ClosedWindow w : closing) {
            store.emitted(w.store(), w.start());
            closed++;
        }
        return closed;
    }

    private static SequenceNumber anchorSeqOr(DecodedBatch batch) {
        for (DecodeOutcome o : batch.outcomes()) {
            if (o instanceof DecodeOutcome.Decoded d) {
                return d.record().sequenceNumber();
            }
        }
        throw new IllegalStateException("no decoded record");
    }

    private static Message message(Aggregation a, AggregateUpdate update, String eventId, SequenceNumber seq) {
        Route route = a.output().orElseThrow();
        Payload payload = a.mapper().map(update);
        return new Message(route.name(), route.sink().orElseThrow(), 0, eventId, seq,
                a.name() + ":" + update.group(), payload, route.ledgered());
    }

    private static long[] add(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /**
     * The batch's id: its first record's {@code eventID}, else its sequence number, else a checksum of its bytes.
     * Every delivery that can repeat records starts with the same first record, so carries the same id.
     */
    static String batchId(DecodedBatch batch) {
        DecodeOutcome first = batch.outcomes().get(0);
        if (first.eventId().isPresent() && !first.eventId().get().isEmpty()) {
            return first.eventId().get();
        }
        if (first.sequenceNumber().isPresent() && !first.sequenceNumber().get().isEmpty()) {
            return "seq:" + first.sequenceNumber().get();
        }
        CRC32 crc = new CRC32();
        crc.update(first.raw().toBytes());
        return "raw:" + Long.toHexString(crc.getValue());
    }
}
