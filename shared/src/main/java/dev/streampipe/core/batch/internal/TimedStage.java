package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Phase;
import java.util.List;
import java.util.Objects;

/** Tells the {@link StageListener} where the stage behind it starts and ends, as {@code phase} of its sink. */
final class TimedStage implements DeliveryStage {
    private final Phase phase;
    private final String sink;
    private final DeliveryStage next;

    TimedStage(Phase phase, String sink, DeliveryStage next) {
        this.phase = Objects.requireNonNull(phase, "phase");
        this.sink = sink;
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public Delivery deliver(List<Message> messages, Deadline deadline, StageListener stages) {
        return stages.around(phase, sink, () -> next.deliver(messages, deadline, stages));
    }
}
