package dev.streampipe.core.topology;

import java.util.Objects;
import java.util.Optional;

/**
 * What a route makes of a record for its sink: a body (JSON text), the typed per-message options its sink maps
 * onto its API ({@link SnsOptions} for SNS, {@link EventBridgeOptions} for EventBridge, {@link FifoOptions} for a
 * FIFO topic), and an optional group key. Messages of one route with the same group key in one batch are sent once
 * (e.g. one summary trigger per session and window). A sink ignores options meant for another kind of sink.
 * <pre>{@code
 * Payload.of(body).with(SnsOptions.attributes(Map.of("event_type", "handoff")))
 * }</pre>
 */
public record Payload(String body, SnsOptions snsOrNull, EventBridgeOptions eventBridgeOrNull, FifoOptions fifoOrNull,
                      String groupKeyOrNull) {
    public Payload {
        Objects.requireNonNull(body, "body");
    }

    public static Payload of(String body) {
        return new Payload(body, null, null, null, null);
    }

    /** This payload with SNS message attributes and subject. */
    public Payload with(SnsOptions sns) {
        return new Payload(body, Objects.requireNonNull(sns, "sns"), eventBridgeOrNull, fifoOrNull, groupKeyOrNull);
    }

    /** This payload with an EventBridge detail type (and source). */
    public Payload with(EventBridgeOptions eventBridge) {
        return new Payload(body, snsOrNull, Objects.requireNonNull(eventBridge, "eventBridge"), fifoOrNull,
                groupKeyOrNull);
    }

    /** This payload with FIFO group and de-duplication ids. */
    public Payload with(FifoOptions fifo) {
        return new Payload(body, snsOrNull, eventBridgeOrNull, Objects.requireNonNull(fifo, "fifo"), groupKeyOrNull);
    }

    public Payload withGroupKey(String groupKey) {
        return new Payload(body, snsOrNull, eventBridgeOrNull, fifoOrNull, groupKey);
    }

    public Optional<String> groupKey() {
        return Optional.ofNullable(groupKeyOrNull);
    }

    /** The SNS options, or none (no attributes, no subject). */
    public SnsOptions sns() {
        return snsOrNull == null ? SnsOptions.none() : snsOrNull;
    }

    public Optional<EventBridgeOptions> eventBridge() {
        return Optional.ofNullable(eventBridgeOrNull);
    }

    public Optional<FifoOptions> fifo() {
        return Optional.ofNullable(fifoOrNull);
    }
}
