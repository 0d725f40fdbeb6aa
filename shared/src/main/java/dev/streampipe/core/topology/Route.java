package dev.streampipe.core.topology;

import dev.streampipe.core.record.StreamViewType;
import java.util.Objects;
import java.util.Optional;

/**
 * A named route: where a record goes (a sink name, or nowhere), how it is mapped, and which images it cannot do
 * without. Built one way, {@code Route.named("meta").to("events").ledgered().needsNewImage().mapping(mapper)} (or
 * {@code Route.named("other").none()} for a route that only counts). A ledgered route's effects are recorded in the
 * effect ledger by the batch engine and never repeated when the same record is delivered again; use it for effects
 * that are not naturally idempotent (paging a human, publishing an event).
 *
 * <p>A record that lacks an image the route needs is poison for this route only; when the record's stream view
 * type could never carry it, that is a configuration error of the stream (see {@link Topology#requiredViewType()}).
 * Two routes are equal when every part is (name, sink, mapper, ledgered, images).
 */
public final class Route {
    private static final RouteMapper NOTHING = r -> Optional.empty();

    private final String name;
    private final String sinkOrNull;
    private final RouteMapper mapper;
    private final boolean ledgered;
    private final boolean needsNewImage;
    private final boolean needsOldImage;

    private Route(String name, String sinkOrNull, RouteMapper mapper, boolean ledgered, boolean needsNewImage,
                  boolean needsOldImage) {
        this.name = Names.require("route", name);
        this.sinkOrNull = sinkOrNull == null ? null : Names.require("sink", sinkOrNull);
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.ledgered = ledgered;
        this.needsNewImage = needsNewImage;
        this.needsOldImage = needsOldImage;
    }

    public static Builder named(String name) {
        return new Builder(Names.require("route", name));
    }

    /**
     * The route a split takes a record to when its predicate cannot read the record: named like the split, sending
     * nowhere, rejecting every record with {@code reason}. Made by the engine only (through the topology's internal
     * accessor), never by a user.
     */
    static Route rejecting(String name, String reason) {
        return new Route(name, null, r -> {
            throw new PoisonRecordException(reason);
        }, false, false, false);
    }

    public String name() {
        return name;
    }

    /** The sink this route sends to; empty for a route that only counts the records it takes. */
    public Optional<String> sink() {
        return Optional.ofNullable(sinkOrNull);
    }

    public RouteMapper mapper() {
        return mapper;
    }

    public boolean ledgered() {
        return ledgered;
    }

    /** Whether a record without {@code NewImage} is poison here. */
    public boolean needsNewImage() {
        return needsNewImage;
    }

    /** Whether a record without {@code OldImage} is poison here. */
    public boolean needsOldImage() {
        return needsOldImage;
    }

    /** Whether a stream of view type {@code type} can ever carry what this route needs. */
    public boolean servedBy(StreamViewType type) {
        return (!needsNewImage || type.carriesNewImage()) && (!needsOldImage || type.carriesOldImage());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Route r)) {
            return false;
        }
        return name.equals(r.name) && Objects.equals(sinkOrNull, r.sinkOrNull) && mapper.equals(r.mapper)
                && ledgered == r.ledgered && needsNewImage == r.needsNewImage && needsOldImage == r.needsOldImage;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sinkOrNull, mapper, ledgered, needsNewImage, needsOldImage);
    }

    @Override
    public String toString() {
        return "Route[name=" + name + ", sinkOrNull=" + sinkOrNull + ", mapper=" + mapper + ", ledgered=" + ledgered
                + ", needsNewImage=" + needsNewImage + ", needsOldImage=" + needsOldImage + "]";
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
