package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.UnexpectedFailureException;
import dev.streampipe.core.decode.DecodeOutcome;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.core.topology.internal.Routed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The routing of one batch into messages per sink, in passes over the records: the routes each record takes are
 * {@linkplain CompiledTopology#select selected} once (on the first pass), and each pass maps those a predicate
 * accepts and returns their messages by sink, each sink's in record order. Counts, rejections and view-type
 * mismatches accumulate across passes. User code (predicates, mappers) never fails the batch (the topology makes its
 * exceptions rejections); anything else thrown while routing is the runtime's bug and fails the batch with
 * {@link UnexpectedFailureException}.
 * One per batch; not thread-safe.
 */
public final class BatchRouting {
    private final CompiledTopology compiled;
    private final DecodedBatch batch;
    private final BatchTracker tracker;
    private final StreamViewType required;
    private final Map<String, Long> routeCounts = new TreeMap<>();
    private final Map<String, BatchResult.ViewTypeMismatch> mismatches = new TreeMap<>();
    private final Map<String, Boolean> seenGroups = new HashMap<>();
    private final String[] orderKeys;
    private List<List<Route>> selected;

    public BatchRouting(Topology topology, DecodedBatch batch, BatchTracker tracker) {
        this.compiled = CompiledTopology.of(topology);
        this.batch = batch;
        this.tracker = tracker;
        this.required = topology.requiredViewType();
        this.orderKeys = new String[batch.size()];
        for (Route r : topology.routes()) {
            routeCounts.put(r.name(), 0L);
        }
    }

    /** The routes whose sink is one of {@code sinks}. */
    public static Predicate<Route> sendingTo(Set<String> sinks) {
        return r -> r.sink().isPresent() && sinks.contains(r.sink().get());
    }

    /** Maps the routes {@code include} accepts over every record; their messages by sink. */
    public Map<String, List<Message>> pass(Predicate<Route> include) {
        List<List<Route>> selected = selected();
        Map<String, List<Message>> bySink = new LinkedHashMap<>();
        for (DecodeOutcome outcome : batch.outcomes()) {
            if (!(outcome instanceof DecodeOutcome.Decoded d)) {
                continue;
            }
            for (Route route : selected.get(d.index())) {
                if (!include.test(route)) {
                    continue;
                }
                Routed routed;
                try {
                    routed = compiled.map(route, d.record());
                } catch (RuntimeException e) {
                    throw new UnexpectedFailureException("mapping route '" + route.name() + "' threw "
                            + e.getClass().getName() + " on record " + d.index() + " (eventID " + d.record().eventId()
                            + "): a bug in the runtime, failing the batch", e);
                }
                add(d, routed, bySink);
            }
        }
        return bySink;
    }

    /**
     * The routes each record takes, by record index (empty for an undecodable record, which is poisoned here):
     * the splits' predicates run once per record, on the first pass.
     */
    private List<List<Route>> selected() {
        if (selected == null) {
            List<List<Route>> all = new ArrayList<>(Collections.nCopies(batch.size(), List.<Route>of()));
            for (DecodeOutcome outcome : batch.outcomes()) {
                if (outcome instanceof DecodeOutcome.Malformed m) {
                    tracker.poison(m.index(), null, "undecodable: " + m.message());
                    continue;
                }
                DecodeOutcome.Decoded d = (DecodeOutcome.Decoded) outcome;
                try {
                    all.set(d.index(), compiled.select(d.record()));
                } catch (RuntimeException e) {
                    throw new UnexpectedFailureException("selecting routes threw " + e.getClass().getName()
                            + " on record " + d.index() + " (eventID " + d.record().eventId() + "): a bug in the"
                            + " runtime, failing the batch", e);
                }
            }
            selected = all;
        }
        return selected;
    }

    private void add(DecodeOutcome.Decoded d, Routed r, Map<String, List<Message>> bySink) {
        String route = r.route().name();
        routeCounts.merge(route, 1L, Long::sum);
        if (r.rejected()) {
            tracker.poison(d.index(), route, r.rejectionOrNull());
            if (r.unservedViewTypeOrNull() != null) {
                mismatches.merge(route, new BatchResult.ViewTypeMismatch(route, r.unservedViewTypeOrNull(),
                        required, 1), (a, b) -> new BatchResult.ViewTypeMismatch(route, a.streamViewType(),
                        required, a.records() + 1));
            }
            return;
        }
        if (r.payload().isEmpty() || r.route().sink().isEmpty()) {
            return;
        }
        Payload payload = r.payload().get();
        if (payload.groupKey().isPresent()
                && seenGroups.putIfAbsent(route + "\u0000" + payload.groupKey().get(), true) != null) {
            return;
        }
        String sink = r.route().sink().get();
        if (orderKeys[d.index()] == null) {
            orderKeys[d.index()] = compiled.orderKey(d.record());
        }
        bySink.computeIfAbsent(sink, k -> new ArrayList<>()).add(new Message(route, sink, d.index(),
                d.record().eventId(), d.record().sequenceNumber(), orderKeys[d.index()], payload,
                r.route().ledgered()));
    }

    /** Records per route so far, every route of the topology present. */
    public Map<String, Long> routeCounts() {
        return routeCounts;
    }

    /** Per route, the records whose stream view type can never serve it. */
    public Map<String, BatchResult.ViewTypeMismatch> mismatches() {
        return mismatches;
    }
}
