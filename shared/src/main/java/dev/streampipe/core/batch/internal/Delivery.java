package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.EffectKey;
import dev.streampipe.core.batch.SinkResult;
import java.util.List;
import java.util.Objects;

/**
 * What one sink's delivery chain came to: what the sink reported, with what the stages in front of it skipped, and
 * the effects it delivered whose ledger write failed after retries, with why (they may repeat on redelivery).
 */
record Delivery(SinkResult result, List<EffectKey> unledgered, String ledgerErrorOrNull) {
    Delivery {
        Objects.requireNonNull(result, "result");
        unledgered = List.copyOf(unledgered);
        if (!unledgered.isEmpty()) {
            Objects.requireNonNull(ledgerErrorOrNull, "ledgerErrorOrNull must say why effects are unledgered");
        }
    }

    /** A delivery whose effects, if any, are all ledgered. */
    static Delivery of(SinkResult result) {
        return new Delivery(result, List.of(), null);
    }

    /** This delivery with {@code count} more messages skipped. */
    Delivery withSkipped(int count) {
        return new Delivery(result.withSkipped(count), unledgered, ledgerErrorOrNull);
    }
}
