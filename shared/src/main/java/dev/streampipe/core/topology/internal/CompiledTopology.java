package dev.streampipe.core.topology.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.RecordPredicate;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The engine's form of a {@link Topology}, made by its builder and reached with {@link #of(Topology)}: multicast
 * routes every record takes, filtered routes a record takes when their predicate matches, then splits in which each
 * record takes the first branch whose predicate matches, or the split's default branch.
 *
 * <p>{@link #route(ChangeRecord)} is pure: it applies the mappers and returns what each route would send, or why
 * that route rejects the record. A rejection is per route: a route whose needed image is missing, whose mapper
 * throws (any exception: a {@link PoisonRecordException} or {@link InvalidAttributeException} gives its message as
 * the reason, anything else its class, message and where it was thrown), or whose {@link Payload#json} value cannot
 * be written rejects the record and the other routes still map it. A filter whose predicate throws rejects the record
 * on its route; a split whose predicate throws takes the record to no branch, and a route named like the split rejects
 * it instead. User code never fails a batch. Immutable and thread-safe.
 */
public final class CompiledTopology {
    private final List<Route> multicast;
    private final List<Branch> filters;
    private final List<Split> splits;
    private final String orderKeyAttribute;
    private final Supplier<ObjectMapper> objectMapper;

    /**
     * Called by {@link Topology.Builder#build()}; {@code orderKeyAttributeOrNull} as given to its orderedBy,
     * {@code objectMapper} gives the one {@link Payload#json} values are written with (asked for only when a route
     * returns such a value).
     */
    public CompiledTopology(List<Route> multicast, List<Branch> filters, List<Split> splits,
                            String orderKeyAttributeOrNull, Supplier<ObjectMapper> objectMapper) {
        this.multicast = List.copyOf(multicast);
        this.filters = List.copyOf(filters);
        this.splits = List.copyOf(splits);
        this.orderKeyAttribute = orderKeyAttributeOrNull;
        this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
    }

    /** The engine's form of {@code topology}. */
    public static CompiledTopology of(Topology topology) {
        return TopologyAccess.get().compiled(Objects.requireNonNull(topology, "topology"));
    }

    /** The routes every record takes, in order. */
    public List<Route> multicast() {
        return multicast;
    }

    /** The filtered routes, each with its predicate, in order. */
    public List<Branch> filters() {
        return filters;
    }

    /** The splits, in order. */
    public List<Split> splits() {
        return splits;
    }

    /** Every route: multicast first, then the filtered routes, then each split's branches in order and its default. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(multicast);
        for (Branch f : filters) {
            all.add(f.route());
        }
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
     * The routes {@code record} takes, in {@link #route} order: every multicast route, each filtered route whose
     * predicate matches (or a route of the same name rejecting the record when the predicate throws), then each
     * split's selected branch (a split whose branches all miss and that has no default adds none). Runs the
     * predicates only; {@link #map} then maps a route, so a caller can map the selected routes in several passes,
     * each once.
     */
    public List<Route> select(ChangeRecord record) {
        List<Route> out = new ArrayList<>(multicast.size() + filters.size() + splits.size());
        out.addAll(multicast);
        for (Branch f : filters) {
            try {
                if (f.predicate().test(record)) {
                    out.add(f.route());
                }
            } catch (RuntimeException e) {
                out.add(TopologyAccess.get().rejectingRoute(f.route().name(), "route '" + f.route().name()
                        + "' cannot test the record: " + reason(e, record)));
            }
        }
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
        Optional<Payload> payload;
        try {
            payload = route.mapper().map(record);
        } catch (PoisonRecordException | InvalidAttributeException e) {
            return new Routed(route, Optional.empty(), e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage(), null);
        } catch (RuntimeException e) {
            return new Routed(route, Optional.empty(), "route '" + route.name() + "' cannot map the record: "
                    + reason(e, record), null);
        }
        if (payload == null) {
            return new Routed(route, Optional.empty(), "route '" + route.name() + "' mapper returned null instead of"
                    + " an Optional (Optional.empty() sends nothing)", null);
        }
        if (payload.isEmpty() || payload.get().bodyOrNull() != null) {
            return new Routed(route, payload);
        }
        try {
            return new Routed(route, Optional.of(payload.get().write(objectMapper.get())));
        } catch (RuntimeException e) {
            return new Routed(route, Optional.empty(), "route '" + route.name() + "' cannot write its payload: "
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()), null);
        }
    }

    /**
     * Why user code could not handle {@code record}: the exception's own message for a rejection, else its class,
     * message and the place it was thrown; a {@link NoSuchElementException} (an empty image's {@code orElseThrow()},
     * say) on a record that lacks an image also names the image and what to declare.
     */
    public static String reason(RuntimeException e, ChangeRecord record) {
        if (e instanceof PoisonRecordException || e instanceof InvalidAttributeException) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        StringBuilder sb = new StringBuilder(e.getClass().getName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        StackTraceElement[] at = e.getStackTrace();
        if (at.length > 0) {
            sb.append(" (at ").append(at[0]).append(')');
        }
        if (e instanceof NoSuchElementException) {
            String missing = record.newImage().isEmpty() && record.oldImage().isEmpty() ? "NewImage and OldImage"
                    : record.newImage().isEmpty() ? "NewImage" : record.oldImage().isEmpty() ? "OldImage" : null;
            if (missing != null) {
                sb.append("; the record has no ").append(missing).append(" (stream view type ")
                        .append(record.streamViewType() == null ? "not given" : record.streamViewType())
                        .append("): a route or predicate that reads an image should declare it (needsNewImage(),"
                                + " needsOldImage()) or test for it");
            }
        }
        return sb.toString();
    }

    /** One branch of a split, or one filtered route: the route a record takes when {@code predicate} matches it. */
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
                } catch (RuntimeException e) {
                    return undecided(e, record);
                }
                if (matches) {
                    return b.route();
                }
            }
            return defaultRouteOrNull;
        }

        /**
         * A predicate could not test the record (a value outside DynamoDB's rules, a bug in it): the record takes no branch
         * of this split, and a route named like the split rejects it, so it is poison here and nowhere else.
         */
        private Route undecided(RuntimeException e, ChangeRecord record) {
            String reason = "split '" + name + "' cannot test the record: " + reason(e, record);
            return TopologyAccess.get().rejectingRoute(name, reason);
        }
    }
}
