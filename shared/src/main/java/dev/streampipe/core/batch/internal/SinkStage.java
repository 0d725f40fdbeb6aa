package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.core.batch.UnexpectedFailureException;
import java.util.List;
import java.util.Objects;

/**
 * The last stage of a chain: the user's {@link Sink}. It is never called with no messages (what the stages before it
 * left is then simply delivered), and a sink that returns no result is a bug.
 */
final class SinkStage implements DeliveryStage {
    private final Sink sink;

    SinkStage(Sink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public Delivery deliver(List<Message> messages, Deadline deadline, StageListener stages) {
        if (messages.isEmpty()) {
            return Delivery.of(SinkResult.delivered());
        }
        SinkResult result = sink.deliver(messages, deadline);
        if (result == null) {
            throw new UnexpectedFailureException("sink '" + sink.name() + "' returned no result (a bug)", null);
        }
        return Delivery.of(result);
    }
}
