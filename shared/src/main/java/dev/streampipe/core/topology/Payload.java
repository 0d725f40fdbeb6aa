package dev.streampipe.core.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;

/**
 * What a route makes of a record for its sink: a body (JSON text), the typed per-message options its sink maps
 * onto its API ({@link SnsOptions} for SNS, {@link EventBridgeOptions} for EventBridge, {@link FifoOptions} for a
 * FIFO topic), and an optional group key. Messages of one route with the same group key in one batch are sent once
 * (e.g. one summary trigger per session and window). A sink ignores options meant for another kind of sink.
 *
 * <p>A body is either text ({@link #of}) or a value the runtime writes as JSON ({@link #json}) with the topology's
 * {@link ObjectMapper} ({@link Topology.Builder#objectMapper}) before any sink sees it; a value that cannot be
 * written makes the record poison for that route.
 * <pre>{@code
 * Payload.json(new LowStock(sku, quantity)).with(SnsOptions.attributes(Map.of("event_type", "low-stock")))
 * Payload.of(body).with(SnsOptions.attributes(Map.of("event_type", "handoff")))
 * }</pre>
 *
 * @param bodyOrNull  the body as text; {@code null} while a {@link #json} value is not yet written
 * @param valueOrNull the value to write as JSON; {@code null} for a text body
 */
public record Payload(String bodyOrNull, SnsOptions snsOrNull, EventBridgeOptions eventBridgeOrNull,
                      FifoOptions fifoOrNull, String groupKeyOrNull, Object valueOrNull) {
    public Payload {
        if ((bodyOrNull == null) == (valueOrNull == null)) {
            throw new IllegalArgumentException("a payload has either a text body or a value to write as JSON, was "
                    + (bodyOrNull == null ? "neither" : "both"));
        }
    }

    /** A payload whose body is {@code body}, sent as it is. */
    public static Payload of(String body) {
        return new Payload(Objects.requireNonNull(body, "body"), null, null, null, null, null);
    }

    /**
     * A payload whose body is {@code value} (a record, a bean, a map, a list...) written as JSON by the runtime with
     * the topology's object mapper.
     */
    public static Payload json(Object value) {
        return new Payload(null, null, null, null, null, Objects.requireNonNull(value, "value"));
    }

    /**
     * The body as text: a {@link #json} value is written with the default object mapper here (the runtime writes it
     * with the topology's before a sink sees it).
     *
     * @throws IllegalArgumentException naming the value's type when Jackson cannot write it
     */
    public String body() {
        return bodyOrNull != null ? bodyOrNull : write(Topology.sharedObjectMapper()).bodyOrNull;
    }

    /** This payload with a {@link #json} value written by {@code mapper}; a text payload as it is. */
    public Payload write(ObjectMapper mapper) {
        if (bodyOrNull != null) {
            return this;
        }
        String text;
        try {
            text = mapper.writeValueAsString(valueOrNull);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + valueOrNull.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
        return new Payload(text, snsOrNull, eventBridgeOrNull, fifoOrNull, groupKeyOrNull, null);
    }

    /** This payload with SNS message attributes and subject. */
    public Payload with(SnsOptions sns) {
        return new Payload(bodyOrNull, Objects.requireNonNull(sns, "sns"), eventBridgeOrNull, fifoOrNull,
                groupKeyOrNull, valueOrNull);
    }

    /** This payload with an EventBridge detail type (and source). */
    public Payload with(EventBridgeOptions eventBridge) {
        return new Payload(bodyOrNull, snsOrNull, Objects.requireNonNull(eventBridge, "eventBridge"), fifoOrNull,
                groupKeyOrNull, valueOrNull);
    }

    /** This payload with FIFO group and de-duplication ids. */
    public Payload with(FifoOptions fifo) {
        return new Payload(bodyOrNull, snsOrNull, eventBridgeOrNull, Objects.requireNonNull(fifo, "fifo"),
                groupKeyOrNull, valueOrNull);
    }

    public Payload withGroupKey(String groupKey) {
        return new Payload(bodyOrNull, snsOrNull, eventBridgeOrNull, fifoOrNull, groupKey, valueOrNull);
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
