package dev.streampipe.summary;

import java.util.List;
import java.util.Objects;

/**
 * One invoke payload: either the single window {@code {"sessionId":"s-1","window":3}} (the shape routers before
 * batching sent, still accepted) or the router's batch {@code {"windows":[{"sessionId":"s-1","window":3,...},...]}}
 * of every window one stream batch closed.
 *
 * @param windows  the valid windows in payload order, duplicates kept (the service runs each distinct one once)
 * @param batched  whether the payload was the {@code windows} envelope (its response is the batch shape too)
 * @param rejected the batch's elements that are not a valid window, in payload order; a single-window payload
 *                 that is not valid is refused as a whole instead
 */
public record SummaryPayload(List<SummaryRequest> windows, boolean batched, List<Rejected> rejected) {
    public SummaryPayload {
        windows = List.copyOf(windows);
        rejected = List.copyOf(rejected);
        if (!batched && (windows.size() != 1 || !rejected.isEmpty())) {
            throw new IllegalArgumentException("a single-window payload has one valid window, had " + windows.size()
                    + " and " + rejected.size() + " rejected");
        }
    }

    /**
     * An element of the batch that is not a valid window.
     *
     * @param position the element's index in {@code windows}
     * @param reason   what is wrong with it, naming the value (cut short when long)
     */
    public record Rejected(int position, String reason) {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        /** {@code windows[<position>] <reason>}. */
        @Override
        public String toString() {
            return SummaryCodec.WINDOWS + "[" + position + "] " + reason;
        }
    }
}
