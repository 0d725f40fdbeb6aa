package dev.streampipe.core.batch;

import dev.streampipe.core.decode.DecodeOutcome;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs one batch through a {@link Topology} into named {@link Sink}s and decides what Lambda must be told.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>all sinks of a batch are flushed concurrently on the given executor, each with all its messages at once;</li>
 *   <li>a record that fails retryably in any sink makes the result report the <em>earliest</em> such record's
 *   sequence number (Lambda checkpoints before it and delivers it and everything after it again); never an empty
 *   identifier: if that record's sequence number is unreadable the nearest earlier readable one is reported, and
 *   if there is none, {@link BatchRetryException} asks for the whole batch again;</li>
 *   <li>a poison record (undecodable, unmappable, or rejected permanently by a sink) goes to the dead-letter sink
 *   with its raw JSON and the reason and counts as handled — unless it comes after the earliest retryable failure,
 *   in which case it will be delivered again and dead-lettered then;</li>
 *   <li>messages of one route with the same group key are sent once per batch, attributed to the earliest record.</li>
 * </ul>
 * Thread-safe: one engine serves concurrent batches if its sinks do.
 */
public final class BatchEngine {
    private final Topology topology;
    private final Map<String, Sink> sinks;
    private final DeadLetterSink deadLetters;
    private final Executor executor;

    public BatchEngine(Topology topology, Map<String, Sink> sinks, DeadLetterSink deadLetters, Executor executor) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.sinks = Map.copyOf(sinks);
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.executor = Objects.requireNonNull(executor, "executor");
        List<String> missing = topology.sinks().stream().filter(s -> !this.sinks.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no sink given for " + missing + "; sinks given: " + this.sinks.keySet());
        }
    }

    public BatchResult process(DecodedBatch batch, Deadline deadline) {
        Tracker tracker = new Tracker(batch.size());
        Map<String, Long> routeCounts = new TreeMap<>();
        for (Route r : topology.routes()) {
            routeCounts.put(r.name(), 0L);
        }
        Map<String, List<Message>> bySink = route(batch, tracker, routeCounts);

        Map<String, CompletableFuture<SinkResult>> futures = new LinkedHashMap<>();
        for (Map.Entry<String, List<Message>> e : bySink.entrySet()) {
            Sink sink = sinks.get(e.getKey());
            List<Message> messages = e.getValue();
            futures.put(e.getKey(), CompletableFuture.supplyAsync(() -> deliver(sink, messages, deadline), executor));
        }
        Map<String, BatchResult.SinkCounts> sinkCounts = new TreeMap<>();
        for (String name : topology.sinks()) {
            sinkCounts.put(name, new BatchResult.SinkCounts(0, 0, 0, 0, 0));
        }
        for (Map.Entry<String, CompletableFuture<SinkResult>> e : futures.entrySet()) {
            SinkResult result = e.getValue().join();
            long retryable = 0;
            long permanent = 0;
            for (SinkResult.Failed f : result.failures()) {
                Message m = f.message();
                if (f.failure().retryable()) {
                    retryable++;
                    tracker.retry(m.recordIndex(), "sink '" + m.sink() + "' route '" + m.route() + "': "
                            + f.failure().reason());
                } else {
                    permanent++;
                    tracker.poison(m.recordIndex(), m.route(), "sink '" + m.sink() + "' rejected it: "
                            + f.failure().reason());
                }
            }
            long messages = bySink.get(e.getKey()).size();
            sinkCounts.put(e.getKey(), new BatchResult.SinkCounts(messages,
                    messages - result.skipped() - retryable - permanent, result.skipped(), retryable, permanent));
        }
        int deadLettered = deadLetter(batch, tracker, deadline);
        return new BatchResult(batch.size(), batch.malformed().size(), deadLettered, failedFrom(batch, tracker),
                routeCounts, sinkCounts, tracker.retryReasons());
    }

    private Map<String, List<Message>> route(DecodedBatch batch, Tracker tracker, Map<String, Long> routeCounts) {
        Map<String, List<Message>> bySink = new LinkedHashMap<>();
        Map<String, Boolean> seenGroups = new HashMap<>();
        for (DecodeOutcome outcome : batch.outcomes()) {
            if (outcome instanceof DecodeOutcome.Malformed m) {
                tracker.poison(m.index(), null, "undecodable: " + m.message());
                continue;
            }
            DecodeOutcome.Decoded d = (DecodeOutcome.Decoded) outcome;
            List<Topology.Routed> routed;
            try {
                routed = topology.route(d.record());
            } catch (RuntimeException e) {
                tracker.poison(d.index(), null, "unroutable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                continue;
            }
            for (Topology.Routed r : routed) {
                routeCounts.merge(r.route().name(), 1L, Long::sum);
                if (r.payload().isEmpty() || r.route().sink().isEmpty()) {
                    continue;
                }
                Payload payload = r.payload().get();
                if (payload.groupKey().isPresent()
                        && seenGroups.putIfAbsent(r.route().name() + "\u0000" + payload.groupKey().get(), true) != null) {
                    continue;
                }
                String sink = r.route().sink().get();
                bySink.computeIfAbsent(sink, k -> new ArrayList<>()).add(new Message(r.route().name(), sink,
                        d.index(), d.record().eventId(), d.record().sequenceNumber(), payload, r.route().ledgered()));
            }
        }
        return bySink;
    }

    private static SinkResult deliver(Sink sink, List<Message> messages, Deadline deadline) {
        try {
            SinkResult result = sink.deliver(messages, deadline);
            return Objects.requireNonNull(result, () -> "sink '" + sink.name() + "' returned no result");
        } catch (RuntimeException e) {
            // Nothing is known to have been sent: every message is retried with its record.
            Map<Message, Failure> all = new LinkedHashMap<>();
            Failure failure = Failure.retryable(e.getClass().getSimpleName() + ": " + e.getMessage());
            for (Message m : messages) {
                all.put(m, failure);
            }
            return SinkResult.of(all);
        }
    }

    private int deadLetter(DecodedBatch batch, Tracker tracker, Deadline deadline) {
        int limit = tracker.earliestRetry();
        List<DeadLetter> letters = new ArrayList<>();
        for (DecodeOutcome o : batch.outcomes()) {
            if (o.index() >= limit) {
                break;
            }
            String reason = tracker.poisonReason(o.index());
            if (reason != null) {
                letters.add(new DeadLetter(o.index(), o.eventId().orElse(null), o.sequenceNumber().orElse(null),
                        tracker.poisonRoute(o.index()), reason, o.raw()));
            }
        }
        if (letters.isEmpty()) {
            return 0;
        }
        try {
            deadLetters.deadLetter(letters, deadline);
            return letters.size();
        } catch (RuntimeException e) {
            for (DeadLetter l : letters) {
                tracker.retry(l.recordIndex(), "dead-letter sink '" + deadLetters.name() + "' failed: " + e.getMessage());
            }
            return 0;
        }
    }

    private static String failedFrom(DecodedBatch batch, Tracker tracker) {
        int earliest = tracker.earliestRetry();
        if (earliest == Integer.MAX_VALUE) {
            return null;
        }
        for (int i = earliest; i >= 0; i--) {
            var seq = batch.outcomes().get(i).sequenceNumber();
            if (seq.isPresent() && !seq.get().isEmpty()) {
                return seq.get();
            }
        }
        throw new BatchRetryException("record " + earliest + " failed (" + tracker.retryReason(earliest)
                + ") and no sequence number at or before it is readable; the whole batch must be retried");
    }

    /** Per-record failure state of one batch. Used by one thread. */
    private static final class Tracker {
        private final String[] retry;
        private final String[] poison;
        private final String[] poisonRoute;

        Tracker(int size) {
            retry = new String[size];
            poison = new String[size];
            poisonRoute = new String[size];
        }

        void retry(int index, String reason) {
            if (retry[index] == null) {
                retry[index] = reason;
            }
        }

        void poison(int index, String route, String reason) {
            if (poison[index] == null) {
                poison[index] = reason;
                poisonRoute[index] = route;
            }
        }

        int earliestRetry() {
            for (int i = 0; i < retry.length; i++) {
                if (retry[i] != null) {
                    return i;
                }
            }
            return Integer.MAX_VALUE;
        }

        String retryReason(int index) {
            return retry[index];
        }

        String poisonReason(int index) {
            return poison[index];
        }

        String poisonRoute(int index) {
            return poisonRoute[index];
        }

        List<String> retryReasons() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < retry.length; i++) {
                if (retry[i] != null) {
                    out.add("record " + i + ": " + retry[i]);
                }
            }
            return out;
        }
    }
}
