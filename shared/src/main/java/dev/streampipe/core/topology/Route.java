package dev.streampipe.core.topology;

import java.util.Objects;
import java.util.Optional;

/**
 * A named route: where a record goes (a sink name, or nowhere) and how it is mapped. A ledgered route's effects
 * are recorded in the effect ledger and never repeated when the same record is delivered again; use it for
 * effects that are not naturally idempotent (paging a human, publishing an event).
 */
public record Route(String name, String sinkOrNull, RouteMapper mapper, boolean ledgered) {
    private static final RouteMapper NOTHING = r -> Optional.empty();

    public Route {
        Names.require("route", name);
        if (sinkOrNull != null) {
            Names.require("sink", sinkOrNull);
        }
        Objects.requireNonNull(mapper, "mapper");
    }

    public static Builder named(String name) {
        return new Builder(Names.require("route", name));
    }

    public Optional<String> sink() {
        return Optional.ofNullable(sinkOrNull);
    }

    /** Builds a route: {@code Route.named("meta").to("events").ledgered().mapping(mapper)}. */
    public static final class Builder {
        private final String name;
        private String sink;
        private boolean ledgered;

        private Builder(String name) {
            this.name = name;
        }

        public Builder to(String sinkName) {
            this.sink = Names.require("sink", sinkName);
            return this;
        }

        public Builder ledgered() {
            this.ledgered = true;
            return this;
        }

        public Route mapping(RouteMapper mapper) {
            if (sink == null) {
                throw new IllegalStateException("route '" + name + "' maps records but names no sink: call to(sink)");
            }
            return new Route(name, sink, mapper, ledgered);
        }

        /** A route that only counts the records it takes. */
        public Route none() {
            return new Route(name, null, NOTHING, false);
        }
    }
}
