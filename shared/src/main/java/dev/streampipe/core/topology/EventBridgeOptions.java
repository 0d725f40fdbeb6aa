package dev.streampipe.core.topology;

import java.util.Objects;

/**
 * Per-message options for an EventBridge sink: the event's {@code DetailType} (required: a payload for an
 * EventBridge sink must carry these options) and, optionally, a {@code Source} that replaces the sink's default.
 * Immutable and checked where made, naming the bad value:
 * <pre>{@code
 * Payload.of(detail).with(EventBridgeOptions.detailType("OrderStatusChanged").source("acme.orders"))
 * }</pre>
 * A detail type is 1..128 characters, not blank; a source 1..256 characters of printable ASCII and not starting with
 * {@code aws.} (reserved for AWS services).
 */
public final class EventBridgeOptions {
    public static final int MAX_DETAIL_TYPE_LENGTH = 128;
    public static final int MAX_SOURCE_LENGTH = 256;

    private final String detailType;
    private final String sourceOrNull;

    private EventBridgeOptions(String detailType, String sourceOrNull) {
        this.detailType = detailType;
        this.sourceOrNull = sourceOrNull;
    }

    /** An event of this detail type from the sink's default source. */
    public static EventBridgeOptions detailType(String detailType) {
        return new EventBridgeOptions(OptionText.text("EventBridge detail type", detailType, MAX_DETAIL_TYPE_LENGTH),
                null);
    }

    /** These options with their own source instead of the sink's. */
    public EventBridgeOptions source(String source) {
        requireSource(source);
        return new EventBridgeOptions(detailType, source);
    }

    /** Returns {@code source} if EventBridge accepts it as a custom event's source; throws naming it otherwise. */
    public static String requireSource(String source) {
        OptionText.printableId("EventBridge source", source, MAX_SOURCE_LENGTH);
        if (source.regionMatches(true, 0, "aws.", 0, 4)) {
            throw new IllegalArgumentException("EventBridge source must not start with 'aws.' (reserved), was '"
                    + source + "'");
        }
        return source;
    }

    public String detailType() {
        return detailType;
    }

    public String sourceOrNull() {
        return sourceOrNull;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventBridgeOptions other && detailType.equals(other.detailType)
                && Objects.equals(sourceOrNull, other.sourceOrNull);
    }

    @Override
    public int hashCode() {
        return Objects.hash(detailType, sourceOrNull);
    }

    @Override
    public String toString() {
        return "EventBridgeOptions[detailType=" + detailType + ", source=" + sourceOrNull + "]";
    }
}
