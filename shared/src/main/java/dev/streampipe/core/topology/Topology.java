package dev.streampipe.core.topology;

import dev.streampipe.core.record.ChangeRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable routing topology: multicast routes every record takes, then splits in which each record takes the
 * first branch whose predicate matches, or the split's default branch.
 *
 * <p>{@link #route(ChangeRecord)} is pure: it applies the mappers and returns what each route would send; it
 * throws {@link PoisonRecordException} (or any mapper's runtime exception) for a record that cannot be mapped.
 * Thread-safe.
 */
public final class Topology {
    private final List<Route> multicast;
    private final List<Split> splits;

    private Topology(List<Route> multicast, List<Split> splits) {
        this.multicast = List.copyOf(multicast);
        this.splits = List.copyOf(splits);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One route's output for one record: the route that took it and what it sends (empty: nothing to send). */
    public record Routed(Route route, Optional<Payload> payload) {
    }

    public List<Routed> route(ChangeRecord record) {
        List<Routed> out = new ArrayList<>(multicast.size() + splits.size());
        for (Route r : multicast) {
            out.add(new Routed(r, r.mapper().map(record)));
        }
        for (Split s : splits) {
            Route r = s.select(record);
            out.add(new Routed(r, r.mapper().map(record)));
        }
        return out;
    }

    /** Every route, multicast first, then each split's branches in order and its default. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(multicast);
        for (Split s : splits) {
            for (Branch b : s.branches) {
                all.add(b.route);
            }
            all.add(s.defaultRoute);
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

    /** A readable outline of the topology, for logs and docs. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Route r : multicast) {
            sb.append("multicast ").append(describe(r)).append('\n');
        }
        for (Split s : splits) {
            sb.append("split ").append(s.name).append('\n');
            for (Branch b : s.branches) {
                sb.append("  branch ").append(describe(b.route)).append('\n');
            }
            sb.append("  default ").append(describe(s.defaultRoute)).append('\n');
        }
        return sb.toString();
    }

    private static String describe(Route r) {
        return r.name() + " -> " + r.sink().orElse("(none)") + (r.ledgered() ? " [ledgered]" : "");
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
                if (b.predicate.test(record)) {
                    return b.route;
                }
            }
            return defaultRoute;
        }
    }

    /** Builds a topology; route names must be unique across it. */
    public static final class Builder {
        private final List<Route> multicast = new ArrayList<>();
        private final List<Split> splits = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();

        private Builder() {
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
            return new Topology(multicast, splits);
        }

        private void claim(String name) {
            Names.require("route", name);
            if (!names.add(name)) {
                throw new IllegalArgumentException("duplicate route or split name '" + name + "'");
            }
        }
    }

    /** Builds one split: {@code .branch(predicate, route)...defaultBranch(route)}. */
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
    }
}
