package dev.streampipe.core.state;

import dev.streampipe.core.topology.Payload;

/** Makes the message an aggregation sends for one {@link AggregateUpdate}. */
@FunctionalInterface
public interface AggregateMapper {
    /** The default: the update as JSON ({@link AggregateUpdate#toJsonMap()}). */
    AggregateMapper JSON = update -> Payload.json(update.toJsonMap());

    Payload map(AggregateUpdate update);
}
