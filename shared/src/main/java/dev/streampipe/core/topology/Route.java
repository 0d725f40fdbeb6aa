package dev.streampipe.core.topology;

import dev.streampipe.core.record.StreamViewType;
import java.util.Objects;
import java.util.Optional;

/**
 * A named route: where a record goes (a sink name, or nowhere), how it is mapped, and which images it cannot do
 * without. A ledgered route's effects are recorded in the effect ledger by the batch engine and never repeated when
 * the same record is delivered again; use it for effects that are not naturally idempotent (paging a human,
 * publishing an event).
 *
 * <p>A record that lacks an image the route needs is poison for this route only; when the record's stream view
 * type could never carry it, that is a configuration error of the stream (see {@link Topology#requiredViewType()}).
 */
public record Route(String name, String sinkOrNull, RouteMapper mapper, boolean ledgered, boolean needsNewImage,
                    boolean needsOldImage) {
    private static final RouteMapper NOTHING = r -> Optional.empty();

    public Route {
        Names.require("route", name);
        if (sinkOrNull != null) {
            Names.require("sink", sinkOrNull);
        }
        Objects.requireNonNull(mapper, "mapper");
    }

    /** A route that needs no image. */
    public Route(String name, String sinkOrNull, RouteMapper mapper, boolean ledgered) {
        this(name, sinkOrNull, mapper, ledgered, false, false);
    }

    public static Builder named(String name) {
        return new Builder(Names.require("route", name));
    }

    public Optional<String> sink() {
        return Optional.ofNullable(sinkOrNull);
    }

    /** Whether a stream of view type {@code type} can ever carry what this route needs. */
    public boolean servedBy(StreamViewType type) {
        boolean hasNew = type == StreamViewType.NEW_IMAGE || type == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean hasOld = type == StreamViewType.OLD_IMAGE || type == StreamViewType.NEW_AND_OLD_IMAGES;
        return (!needsNewImage || hasNew) && (!needsOldImage || hasOld);
    }

    /** Builds a route: {@code Route.named("meta").to("events").ledgered().needsNewImage().mapping(mapper)}. */
    public static final class Builder {
        private final String name;
        private String sink;
        private boolean ledgered;
        private boolean needsNew;
        private boolean needsOld;

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

        /** The mapper reads the item after the change: a record without {@code NewImage} is poison here. */
        public Builder needsNewImage() {
            this.needsNew = true;
            return this;
        }

        /** The mapper reads the item before the change: a record without {@code OldImage} is poison here. */
        public Builder needsOldImage() {
            this.needsOld = true;
            return this;
        }

        public Route mapping(RouteMapper mapper) {
            if (sink == null) {
                throw new IllegalStateException("route '" + name + "' maps records but names no sink: call to(sink)");
            }
            return new Route(name, sink, mapper, ledgered, needsNew, needsOld);
        }

        /** A route that only counts the records it takes. */
        public Route none() {
            return new Route(name, null, NOTHING, false, false, false);
        }
    }
}
