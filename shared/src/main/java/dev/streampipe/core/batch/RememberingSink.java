package dev.streampipe.core.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Puts an {@link AcceptedMemory} in front of a sink for the messages of routes without a ledger: those the memory
 * says this sink already accepted are skipped (counted in {@link SinkResult#skipped()}), the rest are delivered, and
 * the ones delivered without failure are remembered. A sink that throws remembers nothing. Messages of ledgered
 * routes pass through untouched, neither skipped nor remembered: the durable ledger alone decides those.
 */
final class RememberingSink implements Sink {
    private final Sink delegate;
    private final AcceptedMemory memory;

    RememberingSink(Sink delegate, AcceptedMemory memory) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** Whether the sink behind the memory is behind the effect ledger. */
    boolean ledgered() {
        return delegate instanceof LedgeredSink;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        return deliver(messages, deadline, PhaseRecorder.OFF);
    }

    /** As {@link #deliver(List, Deadline)}, recording the phases of the sink behind (see {@link LedgeredSink}). */
    SinkResult deliver(List<Message> messages, Deadline deadline, PhaseRecorder phases) {
        List<Message> toSend = new ArrayList<>(messages.size());
        for (Message m : messages) {
            if (m.ledgered() || !memory.accepted(name(), m.effectKey())) {
                toSend.add(m);
            }
        }
        int skipped = messages.size() - toSend.size();
        if (toSend.isEmpty()) {
            return SinkResult.delivered().withSkipped(skipped);
        }
        SinkResult result;
        if (delegate instanceof LedgeredSink ledgered) {
            result = ledgered.deliver(toSend, deadline, phases);
        } else {
            long start = phases.now();
            result = delegate.deliver(toSend, deadline);
            phases.span(Phase.SEND, name(), start);
        }
        Set<Message> failed = new HashSet<>();
        result.failures().forEach(f -> failed.add(f.message()));
        memory.remember(name(), toSend.stream().filter(m -> !m.ledgered() && !failed.contains(m))
                .map(Message::effectKey).toList());
        return result.withSkipped(skipped);
    }
}
