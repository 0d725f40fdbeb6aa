package dev.streampipe.core.topology.internal;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.RecordPredicate;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The engine's form of a {@link Topology}, made by its builder and reached with {@link #of(Topology)}: multicast
 * routes every record takes, then splits in which each record takes the first branch whose predicate matches, or
 * the split's default branch.
 *
 * <p>{@link #route(ChangeRecord)} is pure: it applies the mappers and returns what each route would send, or why
 * that route rejects the record. A rejection is per route: a route whose needed image is missing, or whose mapper
 * throws {@link PoisonRecordException} or {@link InvalidAttributeException}, rejects the record and the other routes
 * still map it. A split whose predicate throws one of those two takes the record to no branch; a route named like
 * the split rejects it instead. Any other exception from a mapper or predicate is a bug and propagates. Immutable
 * and thread-safe.
 */
public final class CompiledTopology {
    private final List<Route> multicast;
    private final List<Split> splits;
    private final String orderKeyAttribute;

    /** Called by {@link Topology.Builder#build()}; {@code orderKeyAttributeOrNull} as given to its orderedBy. */
    public CompiledTopology(List<Route> multicast, List<Split> splits, String orderKeyAttributeOrNull) {
        this.multicast = List.copyOf(multicast);
        this.splits = List.copyOf(splits);
        this.orderKeyAttribute = orderKeyAttributeOrNull;
    }

    /** The engine's form of {@code topology}. */
    public static CompiledTopology of(Topology topology) {
        return TopologyAccess.get().compiled(Objects.requireNonNull(topology, "topology"));
    }

    /** The routes every record takes, in order. */
    public List<Route> multicast() {
        return multicast;
    }

    /** The splits, in order. */
    public List<Split> splits() {
        return splits;
    }

    /** Every route, multicast first, then each split's branches in order and its default. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(multicast);
        for (Split s : splits) {
            for (Branch b : s.branches()) {
                all.add(b.route());
            }
            if (s.defaultRouteOrNull() != null) {
                all.add(s.defaultRouteOrNull());
            }
        }
        return all;
    }

    /**
     * The key within which sinks keep this record's messages in stream order: the value of the attribute given to
     * {@link Topology.Builder#orderedBy} (the table's partition key: DynamoDB Streams keeps a partition key's changes
     * in one shard, in order), or else the record's whole item key (the order DynamoDB Streams guarantees for any
     * table). A record without that attribute falls back to its whole item key.
     */
    public String orderKey(ChangeRecord record) {
        if (orderKeyAttribute != null) {
            Optional<String> value = record.keys().keyText(orderKeyAttribute);
            if (value.isPresent()) {
                return orderKeyAttribute + "=" + value.get();
            }
        }
        StringBuilder key = new StringBuilder();
        new TreeMap<>(record.keys().attributes()).keySet().forEach(name -> {
            if (key.length() > 0) {
                key.append('\u0000');
            }
            key.append(name).append('=').append(record.keys().keyText(name).orElse(""));
        });
        return key.toString();
    }

    /** The attribute {@link #orderKey} reads, when one was given to {@link Topology.Builder#orderedBy}. */
    public Optional<String> orderKeyAttribute() {
        return Optional.ofNullable(orderKeyAttribute);
    }

    /** What every route takes {@code record} to: multicast routes first, then the branch each split selects. */
    public List<Routed> route(ChangeRecord record) {
        List<Route> selected = select(record);
        List<Routed> out = new ArrayList<>(selected.size());
        for (Route r : selected) {
            out.add(map(r, record));
        }
        return out;
    }

    /**
     * The routes {@code record} takes, in {@link #route} order: every multicast route, then each split's selected
     * branch (a split whose branches all miss and that has no default adds none). Runs the split predicates only;
     * {@link #map} then maps a route, so a caller can map the selected routes in several passes, each once.
     */
    public List<Route> select(ChangeRecord record) {
        List<Route> out = new ArrayList<>(multicast.size() + splits.size());
        out.addAll(multicast);
        for (Split s : splits) {
            Route selected = s.select(record);
            if (selected != null) {
                out.add(selected);
            }
        }
        return out;
    }

    /** What {@code route} (one {@link #select selected} for {@code record}) sends, or why it rejects the record. */
    public Routed map(Route route, ChangeRecord record) {
        String missing = route.needsNewImage() && record.newImage().isEmpty() ? "new image (NewImage)"
                : route.needsOldImage() && record.oldImage().isEmpty() ? "old image (OldImage)" : null;
        if (missing != null) {
            StreamViewType type = record.streamViewType();
            StreamViewType unserved = type != null && !route.servedBy(type) ? type : null;
            return new Routed(route, Optional.empty(), "route '" + route.name() + "' needs the " + missing
                    + " and the record has none (stream view type " + (type == null ? "not given" : type) + ")",
                    unserved);
        }
        try {
            return new Routed(route, route.mapper().map(record));
        } catch (PoisonRecordException | InvalidAttributeException e) {
            return new Routed(route, Optional.empty(), e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage(), null);
        }
    }

    /** One branch of a split: the route a record takes when {@code predicate} matches it. */
    public record Branch(RecordPredicate predicate, Route route) {
        public Branch {
            Objects.requireNonNull(predicate, "predicate");
            Objects.requireNonNull(route, "route");
        }
    }

    /**
     * A split: its branches in order, and the route a record no branch matches takes ({@code null}: none).
     */
    public record Split(String name, List<Branch> branches, Route defaultRouteOrNull) {
        public Split {
            Objects.requireNonNull(name, "name");
            branches = List.copyOf(branches);
        }

        /** The route {@code record} takes in this split; {@code null} when it takes none. */
        Route select(ChangeRecord record) {
            for (Branch b : branches) {
                boolean matches;
                try {
                    matches = b.predicate().test(record);
                } catch (InvalidAttributeException | PoisonRecordException e) {
                    return undecided(e);
                }
                if (matches) {
                    return b.route();
                }
            }
            return defaultRouteOrNull;
        }

        /**
         * A predicate could not read what it tests (a value outside DynamoDB's rules, say): the record takes no branch
         * of this split, and a route named like the split rejects it, so it is poison here and nowhere else.
         */
        private Route undecided(RuntimeException e) {
            String reason = "split '" + name + "' cannot test the record: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return TopologyAccess.get().rejectingRoute(name, reason);
        }
    }
}
