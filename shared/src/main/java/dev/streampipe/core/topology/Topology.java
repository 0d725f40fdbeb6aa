package dev.streampipe.core.topology;

import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.core.topology.internal.TopologyAccess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable routing topology, what {@link #builder()} builds: multicast routes every record takes, then splits in
 * which each record takes the first branch whose predicate matches, or the split's default branch. A record a route
 * cannot map (its mapper throws {@link PoisonRecordException} or an
 * {@link dev.streampipe.core.record.InvalidAttributeException}, or it lacks an image the route needs) is poison for
 * that route only; a record a split's predicate cannot read is poison under the split's name.
 *
 * <p>Hand it to the runtime ({@code StreamRuntime.builder(topology)}, {@code BatchEngine.builder(topology)}), which
 * routes records with it; read it with {@link #describe()} and the accessors. Thread-safe.
 */
public final class Topology {
    static {
        TopologyAccess.register(new Access());
    }

    private final CompiledTopology compiled;

    private Topology(CompiledTopology compiled) {
        this.compiled = compiled;
    }

    public static Builder builder() {
        return new Builder();
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
        return compiled.routes();
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
        for (Route r : compiled.multicast()) {
            sb.append("  multicast ").append(describe(r)).append('\n');
        }
        for (CompiledTopology.Split s : compiled.splits()) {
            sb.append("  split ").append(s.name()).append(" (first match wins)\n");
            for (CompiledTopology.Branch b : s.branches()) {
                sb.append("    branch ").append(describe(b.route())).append("  when ")
                        .append(b.predicate().describe()).append('\n');
            }
            if (s.defaultRouteOrNull() == null) {
                sb.append("    no default branch (a record no branch matches takes no route of this split)\n");
            } else {
                sb.append("    default ").append(describe(s.defaultRouteOrNull())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String describe(Route r) {
        return r.name() + " -> " + r.sink().orElse("(nothing: counted only)")
                + (r.ledgered() ? " [ledgered]" : "")
                + (r.needsNewImage() ? " [needs NewImage]" : "") + (r.needsOldImage() ? " [needs OldImage]" : "");
    }

    /** The engine's way in: its form of a topology, and the route a split rejects an unreadable record with. */
    private static final class Access extends TopologyAccess {
        @Override
        protected CompiledTopology compiled(Topology topology) {
            return topology.compiled;
        }

        @Override
        protected Route rejectingRoute(String name, String reason) {
            return Route.rejecting(name, reason);
        }
    }

    /** Builds a topology; route names must be unique across it. */
    public static final class Builder {
        private final List<Route> multicast = new ArrayList<>();
        private final List<CompiledTopology.Split> splits = new ArrayList<>();
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
            return new Topology(new CompiledTopology(multicast, splits, orderKeyAttribute));
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
        private final List<CompiledTopology.Branch> branches = new ArrayList<>();

        private SplitBuilder(Builder parent, String name) {
            this.parent = parent;
            this.name = name;
        }

        public SplitBuilder branch(RecordPredicate predicate, Route route) {
            Objects.requireNonNull(predicate, "predicate");
            parent.claim(route.name());
            branches.add(new CompiledTopology.Branch(predicate, route));
            return this;
        }

        /** Ends the split with the route that takes every record no branch matched. */
        public Builder defaultBranch(Route route) {
            parent.claim(route.name());
            parent.splits.add(new CompiledTopology.Split(name, branches, route));
            return parent;
        }

        /** Ends the split with no default: a record no branch matches takes no route of this split. */
        public Builder noDefaultBranch() {
            if (branches.isEmpty()) {
                throw new IllegalStateException("split '" + name + "' has no branch");
            }
            parent.splits.add(new CompiledTopology.Split(name, branches, null));
            return parent;
        }
    }
}
