package dev.streampipe.core.topology;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a route makes of a record for its sink: a body (JSON text), string attributes the sink maps onto its
 * API (SNS message attributes, EventBridge detail type, ...), and an optional group key. Messages of one route
 * with the same group key in one batch are sent once (e.g. one summary trigger per session and window).
 */
public record Payload(String body, Map<String, String> attributes, String groupKeyOrNull) {
    public Payload {
        Objects.requireNonNull(body, "body");
        attributes = Map.copyOf(attributes);
    }

    public static Payload of(String body) {
        return new Payload(body, Map.of(), null);
    }

    public static Payload of(String body, Map<String, String> attributes) {
        return new Payload(body, attributes, null);
    }

    public Payload withGroupKey(String groupKey) {
        return new Payload(body, attributes, groupKey);
    }

    public Optional<String> groupKey() {
        return Optional.ofNullable(groupKeyOrNull);
    }
}
