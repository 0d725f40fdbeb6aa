package dev.streampipe.core.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the batch engine puts in front of every sink a ledgered route sends to, so that ledgered messages are sent
 * at most once per effect whatever the wiring: before sending it asks the ledger which effects are done and skips
 * them; after sending it records the ones delivered.
 *
 * <p>A ledger read that fails ({@link RetryableSinkException}) fails the ledgered messages retryably — they are not
 * sent, since it is unknown whether they were — while the other messages still go. A ledger write that fails after a
 * successful send is retried within the deadline; effects still unrecorded then count as delivered (reporting a
 * failure would make the redelivery repeat them for certain) and are returned in
 * {@link SinkResult#unledgeredEffects()} for the caller to log and count. Any other exception propagates.
 */
final class LedgeredSink implements Sink {
    private final Sink delegate;
    private final EffectLedger ledger;
    private final EntryRetrier<String> writeRetrier;

    LedgeredSink(Sink delegate, EffectLedger ledger, EntryRetrier<String> writeRetrier) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.writeRetrier = Objects.requireNonNull(writeRetrier, "writeRetrier");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        return deliver(messages, deadline, PhaseRecorder.OFF);
    }

    /** As {@link #deliver(List, Deadline)}, recording the ledger read, the send and the ledger write. */
    SinkResult deliver(List<Message> messages, Deadline deadline, PhaseRecorder phases) {
        List<String> keys = new ArrayList<>();
        for (Message m : messages) {
            if (m.ledgered()) {
                keys.add(m.effectKey());
            }
        }
        if (keys.isEmpty()) {
            long start = phases.now();
            SinkResult result = delegate.deliver(messages, deadline);
            phases.span(Phase.SEND, name(), start);
            return result;
        }
        Map<Message, Failure> unavailable = new LinkedHashMap<>();
        Set<String> done;
        long readStart = phases.now();
        try {
            done = ledger.completed(keys);
            phases.span(Phase.LEDGER_READ, name(), readStart);
        } catch (RetryableSinkException e) {
            phases.span(Phase.LEDGER_READ, name(), readStart);
            done = null;
            Failure failure = Failure.retryable("effect ledger unavailable: " + e.getMessage());
            for (Message m : messages) {
                if (m.ledgered()) {
                    unavailable.put(m, failure);
                }
            }
        }
        List<Message> toSend = new ArrayList<>(messages.size());
        int skipped = 0;
        for (Message m : messages) {
            if (unavailable.containsKey(m)) {
                continue;
            }
            if (m.ledgered() && done.contains(m.effectKey())) {
                skipped++;
            } else {
                toSend.add(m);
            }
        }
        long sendStart = phases.now();
        SinkResult result = toSend.isEmpty() ? SinkResult.delivered() : delegate.deliver(toSend, deadline);
        phases.span(Phase.SEND, name(), sendStart);
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
        List<SinkResult.Failed> failures = new ArrayList<>(result.failures());
        unavailable.forEach((m, f) -> failures.add(new SinkResult.Failed(m, f)));
        if (newlyDone.isEmpty()) {
            return new SinkResult(failures, result.skipped() + skipped);
        }
        long writeStart = phases.now();
        Map<String, Failure> unwritten = writeRetrier.run(newlyDone, written -> {
            ledger.markCompleted(written);
            return Map.of();
        }, deadline).failures();
        phases.span(Phase.LEDGER_WRITE, name(), writeStart);
        if (unwritten.isEmpty()) {
            return new SinkResult(failures, result.skipped() + skipped);
        }
        return new SinkResult(failures, result.skipped() + skipped, List.copyOf(unwritten.keySet()),
                unwritten.values().iterator().next().reason());
    }
}
