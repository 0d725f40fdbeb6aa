package dev.streampipe.core.batch;

import java.util.Objects;

/**
 * Names one effect: what route {@code route} did for the stream record {@code eventId}. The {@link EffectLedger}
 * remembers these, and the accepted memory of a runtime keys on them. Its string form, {@link #toString()}, is
 * {@code <eventID>#<route>}: the key a ledger stores (the DynamoDB ledger's item key), so ledgers written before
 * stay readable.
 */
public record EffectKey(String eventId, String route) {
    public EffectKey {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(route, "route");
    }

    /** {@code <eventID>#<route>}: the form a ledger stores and a {@link BatchResult.LedgerWriteFailure} lists. */
    @Override
    public String toString() {
        return eventId + '#' + route;
    }
}
