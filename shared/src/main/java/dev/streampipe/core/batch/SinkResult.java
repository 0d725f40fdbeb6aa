package dev.streampipe.core.batch;

import java.util.List;
import java.util.Map;

/**
 * What a {@link Sink} reports of one {@link Sink#deliver} call: the messages that failed in the end (after the
 * sink's own retries), and how many it skipped because their effect was already done.
 */
public record SinkResult(List<Failed> failures, int skipped) {
    public SinkResult {
        failures = List.copyOf(failures);
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped must be >= 0, was " + skipped);
        }
    }

    /** One message that failed, and why. */
    public record Failed(Message message, Failure failure) {
    }

    /** Everything delivered, nothing skipped. */
    public static SinkResult delivered() {
        return new SinkResult(List.of(), 0);
    }

    /** These failures, nothing skipped. */
    public static SinkResult of(Map<Message, Failure> failures) {
        return new SinkResult(failures.entrySet().stream().map(e -> new Failed(e.getKey(), e.getValue())).toList(), 0);
    }

    /** This result with {@code count} more skipped. */
    public SinkResult withSkipped(int count) {
        return new SinkResult(failures, skipped + count);
    }
}
