package dev.streampipe.core.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.state.Aggregation;
import dev.streampipe.core.state.StateStore;
import dev.streampipe.core.state.StoreSpec;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.core.topology.internal.TopologyAccess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable routing topology, what {@link #builder()} builds: multicast routes every record takes, filtered routes
 * a record takes when their own predicate matches (each on its own, like Kafka Streams' {@code filter(..).to(..)}),
 * then splits in which each record takes the first branch whose predicate matches, or the split's default branch.
 *
 * <p>A record a route cannot handle is poison for that route only, dead-lettered with the reason: its mapper throws
 * (a {@link PoisonRecordException} with the user's reason, or any other exception, named with its message), it lacks
 * an image the route needs or reads, or its {@link Payload#json} value cannot be written. A record a filter's
 * predicate cannot test is poison for that filter's route; one a split's predicate cannot test is poison under the
 * split's name. Only the runtime's own failures fail a batch.
 *
 * <p>Hand it to the runtime ({@code StreamRuntime.builder(topology)}, {@code BatchEngine.builder(topology)}), which
 * routes records with it; read it with {@link #describe()} and the accessors. Thread-safe.
 */
public final class Topology {
    static {
        TopologyAccess.register(new Access());
    }

    /**
     * Writes {@link Payload#json} values unless a topology has {@link Builder#objectMapper its own}; made on first
     * use, so a function that never writes a value starts without Jackson's object mapper.
     */
    private static final class SharedObjectMapper {
        static final ObjectMapper INSTANCE = defaultObjectMapper();
    }

    /** The object mapper {@link Payload#json} values are written with when the topology has none of its own. */
    static ObjectMapper sharedObjectMapper() {
        return SharedObjectMapper.INSTANCE;
    }

    private final CompiledTopology compiled;
    private final List<Aggregation> aggregations;

    private Topology(CompiledTopology compiled, List<Aggregation> aggregations) {
        this.compiled = compiled;
        this.aggregations = List.copyOf(aggregations);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The stream view type this topology needs to serve every route and predicate: {@code NEW_AND_OLD_IMAGES} if some
     * route or predicate reads the old image and some the new, else the one image read, else {@code KEYS_ONLY}.
     * Routes count what they declare ({@link Route#needsNewImage()}, {@link Route#needsOldImage()}), predicates what
     * they {@linkplain RecordPredicate#imagesRead() read}.
     */
    public StreamViewType requiredViewType() {
        StreamViewType needed = StreamViewType.KEYS_ONLY;
        for (Route r : routes()) {
            needed = needed.and(StreamViewType.of(r.needsNewImage(), r.needsOldImage()));
        }
        for (CompiledTopology.Branch f : compiled.filters()) {
            needed = needed.and(f.predicate().imagesRead());
        }
        for (CompiledTopology.Split s : compiled.splits()) {
            for (CompiledTopology.Branch b : s.branches()) {
                needed = needed.and(b.predicate().imagesRead());
            }
        }
        for (Aggregation a : aggregations) {
            needed = needed.and(a.imagesRead());
        }
        return needed;
    }

    /**
     * The object mapper a topology writes {@link Payload#json} values with by default: Jackson's, with
     * {@code java.time} values written as ISO-8601 text. A new instance each call; configure it and pass it to
     * {@link Builder#objectMapper}.
     */
    public static ObjectMapper defaultObjectMapper() {
        return JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }

    /**
     * Every route: multicast first, then the filtered routes, then each split's branches in order and its default,
     * then the routes aggregations send their updates on (each named like its aggregation).
     */
    public List<Route> routes() {
        if (aggregations.isEmpty()) {
            return compiled.routes();
        }
        List<Route> all = new ArrayList<>(compiled.routes());
        for (Aggregation a : aggregations) {
            a.output().ifPresent(all::add);
        }
        return List.copyOf(all);
    }

    /** The aggregations, in the order they were added; each keeps its values in a store named like it. */
    public List<Aggregation> aggregations() {
        return aggregations;
    }

    /** What a state store must know of each aggregation's store; empty for a stateless topology. */
    public List<StoreSpec> stores() {
        return aggregations.stream().map(Aggregation::spec).toList();
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
     *   filter low-stock -&gt; pages [ledgered]  when quantity crosses below 10
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
        for (CompiledTopology.Branch f : compiled.filters()) {
            sb.append("  filter ").append(describe(f.route())).append("  when ").append(f.predicate().describe())
                    .append('\n');
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
        for (Aggregation a : aggregations) {
            sb.append("  aggregate ").append(a.describe()).append('\n');
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
        private final List<CompiledTopology.Branch> filters = new ArrayList<>();
        private final List<CompiledTopology.Split> splits = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();
        private final List<Aggregation> aggregations = new ArrayList<>();
        private String orderKeyAttribute;
        private ObjectMapper objectMapper;

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

        /**
         * The mapper {@link Payload#json} values are written with (dates, naming, inclusion as you configure them);
         * without it, {@link Topology#defaultObjectMapper()}. Do not reconfigure it once the topology is built.
         */
        public Builder objectMapper(ObjectMapper mapper) {
            this.objectMapper = Objects.requireNonNull(mapper, "objectMapper");
            return this;
        }

        /** A route every record takes. */
        public Builder multicast(Route route) {
            claim(route.name());
            multicast.add(route);
            return this;
        }

        /**
         * Starts a filtered route: {@code filter(predicate).to(route)}. A record takes the route when {@code predicate}
         * matches it, whatever other filters and splits do, so two conditions that can both hold are two filters
         * (a split takes only its first matching branch).
         */
        public FilterBuilder filter(RecordPredicate predicate) {
            return new FilterBuilder(this, Objects.requireNonNull(predicate, "predicate"));
        }

        /**
         * Adds an aggregation kept in a state store (named like it); its updates, if it sends them, go out on a route
         * of the same name. A topology with aggregations needs a {@link StateStore} in its engine.
         */
        public Builder aggregate(Aggregation aggregation) {
            Objects.requireNonNull(aggregation, "aggregation");
            claim(aggregation.name());
            aggregations.add(aggregation);
            return this;
        }

        public SplitBuilder split(String name) {
            claim(name);
            return new SplitBuilder(this, name);
        }

        public Topology build() {
            if (multicast.isEmpty() && filters.isEmpty() && splits.isEmpty() && aggregations.isEmpty()) {
                throw new IllegalStateException("a topology needs at least one route or aggregation");
            }
            ObjectMapper mapper = objectMapper;
            return new Topology(new CompiledTopology(multicast, filters, splits, orderKeyAttribute,
                    mapper == null ? Topology::sharedObjectMapper : () -> mapper), aggregations);
        }

        private void claim(String name) {
            Names.require("route", name);
            if (!names.add(name)) {
                throw new IllegalArgumentException("duplicate route or split name '" + name + "'");
            }
        }
    }

    /** The route a {@link Builder#filter filter} sends the records it matches to: {@code filter(predicate).to(route)}. */
    public static final class FilterBuilder {
        private final Builder parent;
        private final RecordPredicate predicate;

        private FilterBuilder(Builder parent, RecordPredicate predicate) {
            this.parent = parent;
            this.predicate = predicate;
        }

        public Builder to(Route route) {
            parent.claim(route.name());
            parent.filters.add(new CompiledTopology.Branch(predicate, route));
            return parent;
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
