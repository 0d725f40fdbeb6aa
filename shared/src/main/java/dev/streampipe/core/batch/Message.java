package dev.streampipe.core.batch;

import dev.streampipe.core.record.SequenceNumber;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.topology.FifoOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.SnsOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * One message for one sink, made by one route from one record. Carries the stream {@code eventID} and sequence
 * number so consumers can order and de-duplicate, and the payload's typed per-message options ({@link #sns()},
 * {@link #eventBridge()}, {@link #fifo()}) the sink maps onto its API.
 *
 * @param recordIndex the record's position in its batch (the earliest one, for a grouped message)
 * @param orderKey    the key within which a sink keeps the messages' order ({@link
 *                    dev.streampipe.core.topology.Topology.Builder#orderedBy}: the record's partition key, or its
 *                    whole item key): a sink must not let a message of a key arrive before an earlier one of the same
 *                    key
 */
public record Message(String route, String sink, int recordIndex, String eventId, SequenceNumber sequenceNumber,
                      String orderKey, Payload payload, boolean ledgered) {
    public Message {
        Objects.requireNonNull(orderKey, "orderKey");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(payload, "payload");
    }

    /** This message's effect, as the ledger knows it ({@code <eventID>#<route>}). */
    public EffectKey effectKey() {
        return new EffectKey(eventId, route);
    }

    public String body() {
        return payload.body();
    }

    /** SNS message attributes and subject (none when the route set none). */
    public SnsOptions sns() {
        return payload.sns();
    }

    public Optional<EventBridgeOptions> eventBridge() {
        return payload.eventBridge();
    }

    public Optional<FifoOptions> fifo() {
        return payload.fifo();
    }
}
