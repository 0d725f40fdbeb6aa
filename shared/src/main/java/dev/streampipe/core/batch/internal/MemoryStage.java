package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.EffectKey;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.SinkResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Puts an {@link AcceptedMemory} in front of the rest of a sink's chain for the messages of routes without a ledger:
 * those the memory says this sink already accepted are skipped, the rest go on, and the ones delivered without
 * failure are remembered. A stage behind that throws remembers nothing. Messages of ledgered routes pass through
 * untouched, neither skipped nor remembered: the durable ledger alone decides those.
 */
final class MemoryStage implements DeliveryStage {
    private final String sink;
    private final AcceptedMemory memory;
    private final DeliveryStage next;

    MemoryStage(String sink, AcceptedMemory memory, DeliveryStage next) {
        this.sink = sink;
        this.memory = Objects.requireNonNull(memory, "memory");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public Delivery deliver(List<Message> messages, Deadline deadline, StageListener stages) {
        List<Message> toSend = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (m.ledgered() || !memory.accepted(sink, m.effectKey())) {
                toSend.add(m);
            }
        }
        int skipped = messages.size() - toSend.size();
        if (toSend.isEmpty()) {
            return Delivery.of(SinkResult.delivered().withSkipped(skipped));
        }
        Delivery delivery = next.deliver(toSend, deadline, stages);
        Set<Message> failed = new HashSet<>();
        delivery.result().failures().forEach(f -> failed.add(f.message()));
        List<EffectKey> accepted = new ArrayList<>();
        for (Message m : toSend) {
            if (!m.ledgered() && !failed.contains(m)) {
                accepted.add(m.effectKey());
            }
        }
        memory.remember(sink, accepted);
        return delivery.withSkipped(skipped);
    }
}
