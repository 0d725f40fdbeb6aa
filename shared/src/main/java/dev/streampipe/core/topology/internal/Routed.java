package dev.streampipe.core.topology.internal;

import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import java.util.Objects;
import java.util.Optional;

/**
 * One route's output for one record: the route that took it and what it sends (empty: nothing to send), or the
 * reason it rejects the record (poison for this route only).
 *
 * @param rejectionOrNull        why the route can never handle this record; {@code null} when it can
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
