package dev.streampipe.core.batch;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one {@link Sink#deliver} call: the messages that failed in the end (after the sink's own
 * retries), and how many were skipped because their effect was already done.
 */
public record SinkResult(List<Failed> failures, int skipped) {
    public SinkResult {
        failures = List.copyOf(failures);
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped must be >= 0, was " + skipped);
        }
    }

    public record Failed(Message message, Failure failure) {
    }

    public static SinkResult delivered() {
        return new SinkResult(List.of(), 0);
    }

    public static SinkResult of(Map<Message, Failure> failures) {
        return new SinkResult(failures.entrySet().stream().map(e -> new Failed(e.getKey(), e.getValue())).toList(), 0);
    }

    public SinkResult withSkipped(int count) {
        return new SinkResult(failures, skipped + count);
    }
}
