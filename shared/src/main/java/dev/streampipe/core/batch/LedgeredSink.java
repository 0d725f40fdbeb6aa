package dev.streampipe.core.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Wraps a sink so that ledgered messages are sent at most once per effect: before sending it asks the ledger which
 * effects are done and skips them; after sending it records the ones delivered.
 *
 * <p>If the ledger cannot be written after a successful send, the message still counts as delivered (reporting a
 * failure would make the redelivery repeat the effect); the lapse is counted in {@link #ledgerWriteFailures()}.
 */
public final class LedgeredSink implements Sink {
    private final Sink delegate;
    private final EffectLedger ledger;
    private final java.util.concurrent.atomic.AtomicLong ledgerWriteFailures = new java.util.concurrent.atomic.AtomicLong();

    public LedgeredSink(Sink delegate, EffectLedger ledger) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
        this.ledger = java.util.Objects.requireNonNull(ledger, "ledger");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        List<String> keys = new ArrayList<>();
        for (Message m : messages) {
            if (m.ledgered()) {
                keys.add(m.effectKey());
            }
        }
        if (keys.isEmpty()) {
            return delegate.deliver(messages, deadline);
        }
        Set<String> done = ledger.completed(keys);
        List<Message> toSend = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (!(m.ledgered() && done.contains(m.effectKey()))) {
                toSend.add(m);
            }
        }
        int skipped = messages.size() - toSend.size();
        SinkResult result = toSend.isEmpty() ? SinkResult.delivered() : delegate.deliver(toSend, deadline);
        Set<Message> failed = new HashSet<>();
        for (SinkResult.Failed f : result.failures()) {
            failed.add(f.message());
        }
        List<String> newlyDone = new ArrayList<>();
        for (Message m : toSend) {
            if (m.ledgered() && !failed.contains(m)) {
                newlyDone.add(m.effectKey());
            }
        }
        if (!newlyDone.isEmpty()) {
            try {
                ledger.markCompleted(newlyDone);
            } catch (RetryableSinkException e) {
                ledgerWriteFailures.addAndGet(newlyDone.size());
            }
        }
        return result.withSkipped(skipped);
    }

    /** Effects delivered whose ledger entry could not be written (they may repeat on redelivery). */
    public long ledgerWriteFailures() {
        return ledgerWriteFailures.get();
    }
}
