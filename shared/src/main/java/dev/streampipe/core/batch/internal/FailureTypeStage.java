package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.core.batch.UnexpectedFailureException;
import dev.streampipe.core.topology.PoisonRecordException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tells apart by type what the stages behind it throw: {@link RetryableSinkException} fails every message
 * retryably (nothing is known to have been sent), {@link PoisonRecordException} fails every message permanently,
 * and any other exception is a bug that fails the batch as {@link UnexpectedFailureException} (the cause keeps the
 * trace; an {@link Error} fails it too, wrapped once all sinks are joined).
 */
final class FailureTypeStage implements DeliveryStage {
    private final String sink;
    private final DeliveryStage next;

    FailureTypeStage(String sink, DeliveryStage next) {
        this.sink = sink;
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public Delivery deliver(List<Message> messages, Deadline deadline, StageListener stages) {
        try {
            return next.deliver(messages, deadline, stages);
        } catch (RetryableSinkException e) {
            return failAll(messages, Failure.retryable(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (PoisonRecordException e) {
            return failAll(messages, Failure.permanent(e.getMessage()));
        } catch (UnexpectedFailureException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnexpectedFailureException("sink '" + sink + "' threw " + e.getClass().getName() + ": "
                    + e.getMessage() + " (a bug: neither retryable nor permanent), failing the batch", e);
        }
    }

    private static Delivery failAll(List<Message> messages, Failure failure) {
        Map<Message, Failure> all = new LinkedHashMap<>();
        for (Message m : messages) {
            all.put(m, failure);
        }
        return Delivery.of(SinkResult.of(all));
    }
}
