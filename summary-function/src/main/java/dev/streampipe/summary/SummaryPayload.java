package dev.streampipe.summary;

import java.util.List;

/**
 * One invoke payload: either the single window {@code {"sessionId":"s-1","window":3}} (the shape routers before
 * batching sent, still accepted) or the router's batch {@code {"windows":[{"sessionId":"s-1","window":3,...},...]}}
 * of every window one stream batch closed.
 *
 * @param windows the windows in payload order, duplicates kept (the service runs each distinct one once)
 * @param batched whether the payload was the {@code windows} envelope (its response is the batch shape too)
 */
public record SummaryPayload(List<SummaryRequest> windows, boolean batched) {
    public SummaryPayload {
        windows = List.copyOf(windows);
        if (!batched && windows.size() != 1) {
            throw new IllegalArgumentException("a single-window payload has one window, had " + windows.size());
        }
    }
}
