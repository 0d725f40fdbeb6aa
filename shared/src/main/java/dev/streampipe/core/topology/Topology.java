package dev.streampipe.core.topology;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.StreamViewType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable routing topology: multicast routes every record takes, then splits in which each record takes the
 * first branch whose predicate matches, or the split's default branch.
 *
 * <p>{@link #route(ChangeRecord)} is pure: it applies the mappers and returns what each route would send, or why
 * that route rejects the record. A rejection is per route: a route whose needed image is missing, or whose mapper
 * throws {@link PoisonRecordException} or {@link InvalidAttributeException}, rejects the record and the other routes
 * still map it. A split whose predicate throws one of those two takes the record to no branch; a route named like
 * the split rejects it instead. Any other exception from a mapper or predicate is a bug and propagates. Thread-safe.
 */
public final class Topology {
    private final List<Route> multicast;
    private final List<Split> splits;
    private final String orderKeyAttribute;

    private Topology(List<Route> multicast, List<Split> splits, String orderKeyAttribute) {
        this.multicast = List.copyOf(multicast);
        this.splits = List.copyOf(splits);
        this.orderKeyAttribute = orderKeyAttribute;
    }

    /**
     * The key within which sinks keep this record's messages in stream order: the value of the attribute given to
     * {@link Builder#orderedBy} (the table's partition key: DynamoDB Streams keeps a partition key's changes in one
     * shard, in order), or else the record's whole item key (the order DynamoDB Streams guarantees for any table).
     * A record without that attribute falls back to its whole item key.
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

    /** The attribute {@link #orderKey} reads, when one was given to {@link Builder#orderedBy}. */
    public Optional<String> orderKeyAttribute() {
        return Optional.ofNullable(orderKeyAttribute);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One route's output for one record: the route that took it and what it sends (empty: nothing to send), or the
     * reason it rejects the record (poison for this route only).
     *
     * @param rejectionOrNull       why the route can never handle this record; {@code null} when it can
     * @param unservedViewTypeOrNull the record's stream view type when that type can never carry what the route
     *                               needs (a configuration error of the stream); {@code null} otherwise
     */
    public record Routed(Route route, Optional<Payload> payload, String rejectionOrNull,
                         StreamViewType unservedViewTypeOrNull) {
        public Routed {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(payload, "payload");
        }

        public Routed(Route route, Optional<Payload> payload) {
            this(route, payload, null, null);
        }

        public boolean rejected() {
            return rejectionOrNull != null;
        }
    }

    /** What every route takes {@code record} to: multicast routes first, then the branch each split selects. */
    public List<Routed> route(ChangeRecord record) {
        List<Route> selected = select(record);
        List<Routed> out = new ArrayList<>(selected.size());
        for (Route r : selected) {
            out.add(apply(r, record));
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
        return apply(route, record);
    }

    private static Routed apply(Route route, ChangeRecord record) {
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

    /**
     * The stream view type this topology needs to serve every route: {@code NEW_AND_OLD_IMAGES} if some route needs
     * the old image and some the new, else the one image needed, else {@code KEYS_ONLY}.
     */
    public StreamViewType requiredViewType() {
        boolean needsNew = false;
        boolean needsOld = false;
        for (Route r : routes()) {
            needsNew |= r.needsNewImage();
            needsOld |= r.needsOldImage();
        }
        if (needsNew && needsOld) {
            return StreamViewType.NEW_AND_OLD_IMAGES;
        }
        return needsNew ? StreamViewType.NEW_IMAGE : needsOld ? StreamViewType.OLD_IMAGE : StreamViewType.KEYS_ONLY;
    }

    /** Every route, multicast first, then each split's branches in order and its default. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(multicast);
        for (Split s : splits) {
            for (Branch b : s.branches) {
                all.add(b.route);
            }
            if (s.defaultRoute != null) {
                all.add(s.defaultRoute);
            }
        }
        return all;
    }

    /** The names of every sink some route sends to. */
    public Set<String> sinks() {
        Set<String> sinks = new LinkedHashSet<>();
        for (Route r : routes()) {
            r.sink().ifPresent(sinks::add);
        }
        return sinks;
    }

    /**
     * A readable outline of the topology, for logs and docs: the stream view type it needs, every route in order
     * with its predicate (splits), the sink it sends to, whether it is ledgered and which images it needs.
     *
     * <pre>
     * topology (needs stream view type NEW_AND_OLD_IMAGES)
     *   multicast analytics            -&gt; analytics
     *   split by-item-type (first match wins)
     *     branch page-handoff          -&gt; handoffs [ledgered] [needs NewImage]  when SK begins with "HANDOFF#" and INSERT
     *     no default branch (a record no branch matches takes no route of this split)
     * </pre>
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("topology (needs stream view type ").append(requiredViewType())
                .append(")\n");
        for (Route r : multicast) {
            sb.append("  multicast ").append(describe(r)).append('\n');
        }
        for (Split s : splits) {
            sb.append("  split ").append(s.name).append(" (first match wins)\n");
            for (Branch b : s.branches) {
                sb.append("    branch ").append(describe(b.route)).append("  when ").append(b.predicate.describe())
                        .append('\n');
            }
            if (s.defaultRoute == null) {
                sb.append("    no default branch (a record no branch matches takes no route of this split)\n");
            } else {
                sb.append("    default ").append(describe(s.defaultRoute)).append('\n');
            }
        }
        return sb.toString();
    }

    private static String describe(Route r) {
        return r.name() + " -> " + r.sink().orElse("(nothing: counted only)")
                + (r.ledgered() ? " [ledgered]" : "")
                + (r.needsNewImage() ? " [needs NewImage]" : "") + (r.needsOldImage() ? " [needs OldImage]" : "");
    }

    private record Branch(RecordPredicate predicate, Route route) {
    }

    private static final class Split {
        final String name;
        final List<Branch> branches;
        final Route defaultRoute;

        Split(String name, List<Branch> branches, Route defaultRoute) {
            this.name = name;
            this.branches = List.copyOf(branches);
            this.defaultRoute = defaultRoute;
        }

        Route select(ChangeRecord record) {
            for (Branch b : branches) {
                boolean matches;
                try {
                    matches = b.predicate.test(record);
                } catch (InvalidAttributeException | PoisonRecordException e) {
                    return undecided(e);
                }
                if (matches) {
                    return b.route;
                }
            }
            return defaultRoute; // null: no default branch
        }

        /**
         * A predicate could not read what it tests (a value outside DynamoDB's rules, say): the record takes no branch
         * of this split, and a route named like the split rejects it, so it is poison here and nowhere else.
         */
        private Route undecided(RuntimeException e) {
            String reason = "split '" + name + "' cannot test the record: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return new Route(name, null, r -> {
                throw new PoisonRecordException(reason);
            }, false);
        }
    }

    /** Builds a topology; route names must be unique across it. */
    public static final class Builder {
        private final List<Route> multicast = new ArrayList<>();
        private final List<Split> splits = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();
        private String orderKeyAttribute;

        private Builder() {
        }

        /**
         * Keeps the messages of records with the same value of {@code partitionKeyAttribute} (the table's partition
         * key) in stream order in every sink; without it, order is kept per item key.
         */
        public Builder orderedBy(String partitionKeyAttribute) {
            if (partitionKeyAttribute == null || partitionKeyAttribute.isBlank()) {
                throw new IllegalArgumentException("orderedBy needs the partition key's attribute name, was '"
                        + partitionKeyAttribute + "'");
            }
            this.orderKeyAttribute = partitionKeyAttribute;
            return this;
        }

        public Builder multicast(Route route) {
            claim(route.name());
            multicast.add(route);
            return this;
        }

        public SplitBuilder split(String name) {
            claim(name);
            return new SplitBuilder(this, name);
        }

        public Topology build() {
            if (multicast.isEmpty() && splits.isEmpty()) {
                throw new IllegalStateException("a topology needs at least one route");
            }
            return new Topology(multicast, splits, orderKeyAttribute);
        }

        private void claim(String name) {
            Names.require("route", name);
            if (!names.add(name)) {
                throw new IllegalArgumentException("duplicate route or split name '" + name + "'");
            }
        }
    }

    /**
     * Builds one split: {@code .branch(predicate, route)...} ended by {@code defaultBranch(route)} (a record no
     * branch matches takes that route) or {@code noDefaultBranch()} (it takes no route of this split).
     */
    public static final class SplitBuilder {
        private final Builder parent;
        private final String name;
        private final List<Branch> branches = new ArrayList<>();

        private SplitBuilder(Builder parent, String name) {
            this.parent = parent;
            this.name = name;
        }

        public SplitBuilder branch(RecordPredicate predicate, Route route) {
            Objects.requireNonNull(predicate, "predicate");
            parent.claim(route.name());
            branches.add(new Branch(predicate, route));
            return this;
        }

        /** Ends the split with the route that takes every record no branch matched. */
        public Builder defaultBranch(Route route) {
            parent.claim(route.name());
            parent.splits.add(new Split(name, branches, route));
            return parent;
        }

        /** Ends the split with no default: a record no branch matches takes no route of this split. */
        public Builder noDefaultBranch() {
            if (branches.isEmpty()) {
                throw new IllegalStateException("split '" + name + "' has no branch");
            }
            parent.splits.add(new Split(name, branches, null));
            return parent;
        }
    }
}
