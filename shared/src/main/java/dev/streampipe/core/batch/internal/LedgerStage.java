package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.EffectKey;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.EntryRetrier;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Phase;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.batch.SinkResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Puts the effect ledger in front of the rest of the chain of every sink a ledgered route sends to, so that
 * ledgered messages are sent at most once per effect whatever the wiring: before sending it asks the ledger which
 * effects are done and skips them; after sending it records the ones delivered.
 *
 * <p>A ledger read that fails ({@link RetryableSinkException}) fails the ledgered messages retryably (they are not
 * sent, since it is unknown whether they were) while the other messages still go. A ledger write that fails after a
 * successful send is retried within the deadline; effects still unrecorded then count as delivered (reporting a
 * failure would make the redelivery repeat them for certain) and are returned in {@link Delivery#unledgered()} for
 * the engine to report. Any other exception propagates.
 */
final class LedgerStage implements DeliveryStage {
    private final String sink;
    private final EffectLedger ledger;
    private final EntryRetrier<EffectKey> writeRetrier;
    private final DeliveryStage next;

    LedgerStage(String sink, EffectLedger ledger, EntryRetrier<EffectKey> writeRetrier, DeliveryStage next) {
        this.sink = sink;
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.writeRetrier = Objects.requireNonNull(writeRetrier, "writeRetrier");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public Delivery deliver(List<Message> messages, Deadline deadline, StageListener stages) {
        List<EffectKey> keys = new ArrayList<>();
        for (Message m : messages) {
            if (m.ledgered()) {
                keys.add(m.effectKey());
            }
        }
        if (keys.isEmpty()) {
            return next.deliver(messages, deadline, stages);
        }
        Set<EffectKey> done;
        String unreadable = null;
        try {
            done = stages.around(Phase.LEDGER_READ, sink, () -> ledger.completed(keys));
        } catch (RetryableSinkException e) {
            done = Set.of();
            unreadable = "effect ledger unavailable: " + e.getMessage();
        }
        List<Message> toSend = new ArrayList<>(messages.size());
        List<SinkResult.Failed> unavailable = new ArrayList<>();
        int skipped = 0;
        for (Message m : messages) {
            if (m.ledgered() && unreadable != null) {
                unavailable.add(new SinkResult.Failed(m, Failure.retryable(unreadable)));
            } else if (m.ledgered() && done.contains(m.effectKey())) {
                skipped++;
            } else {
                toSend.add(m);
            }
        }
        SinkResult sent = next.deliver(toSend, deadline, stages).result();
        List<SinkResult.Failed> failures = new ArrayList<>(sent.failures());
        failures.addAll(unavailable);
        SinkResult result = new SinkResult(failures, sent.skipped() + skipped);
        Map<EffectKey, Failure> unwritten = write(delivered(toSend, sent), deadline, stages);
        return unwritten.isEmpty() ? Delivery.of(result) : new Delivery(result, List.copyOf(unwritten.keySet()),
                unwritten.values().iterator().next().reason());
    }

    /** The effects of the ledgered messages in {@code toSend} that {@code sent} does not report failed. */
    private static List<EffectKey> delivered(List<Message> toSend, SinkResult sent) {
        Set<Message> failed = new HashSet<>();
        for (SinkResult.Failed f : sent.failures()) {
            failed.add(f.message());
        }
        List<EffectKey> out = new ArrayList<>();
        for (Message m : toSend) {
            if (m.ledgered() && !failed.contains(m)) {
                out.add(m.effectKey());
            }
        }
        return out;
    }

    /** Records {@code effects} as done, retrying within the deadline; the ones still unrecorded, with why. */
    private Map<EffectKey, Failure> write(List<EffectKey> effects, Deadline deadline, StageListener stages) {
        if (effects.isEmpty()) {
            return Map.of();
        }
        return stages.around(Phase.LEDGER_WRITE, sink, () -> writeRetrier.run(effects, written -> {
            ledger.markCompleted(written);
            return Map.<EffectKey, Failure>of();
        }, deadline).failures());
    }
}
