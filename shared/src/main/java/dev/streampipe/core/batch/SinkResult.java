package dev.streampipe.core.batch;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link Sink#deliver} call: the messages that failed in the end (after the sink's own
 * retries), how many were skipped because their effect was already done, and the effects that were delivered but
 * could not be recorded in the effect ledger (they may repeat on redelivery).
 *
 * @param unledgeredEffects effect keys ({@code <eventID>#<route>}) delivered whose ledger write failed after retries
 * @param ledgerErrorOrNull why the ledger write failed; {@code null} when {@code unledgeredEffects} is empty
 */
public record SinkResult(List<Failed> failures, int skipped, List<String> unledgeredEffects, String ledgerErrorOrNull) {
    public SinkResult {
        failures = List.copyOf(failures);
        unledgeredEffects = List.copyOf(unledgeredEffects);
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped must be >= 0, was " + skipped);
        }
        if (!unledgeredEffects.isEmpty()) {
            Objects.requireNonNull(ledgerErrorOrNull, "ledgerErrorOrNull must say why effects are unledgered");
        }
    }

    public SinkResult(List<Failed> failures, int skipped) {
        this(failures, skipped, List.of(), null);
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
        return new SinkResult(failures, skipped + count, unledgeredEffects, ledgerErrorOrNull);
    }
}
