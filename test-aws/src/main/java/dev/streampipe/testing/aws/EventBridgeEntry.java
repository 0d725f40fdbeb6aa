package dev.streampipe.testing.aws;

import java.time.Instant;
import java.util.List;

/**
 * One entry of an EventBridge {@code PutEvents} call.
 *
 * @param source       {@code Source}
 * @param detailType   {@code DetailType}
 * @param detail       {@code Detail}, a JSON document as text
 * @param eventBusName {@code EventBusName}, or {@code null} for the default bus
 * @param resources    {@code Resources} (empty when absent)
 * @param time         {@code Time}, or {@code null} when the producer let EventBridge stamp it
 */
public record EventBridgeEntry(String source, String detailType, String detail, String eventBusName,
                               List<String> resources, Instant time) {

    public EventBridgeEntry {
        resources = List.copyOf(resources);
    }
}
