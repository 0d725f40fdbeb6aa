package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Phase;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.batch.UnexpectedFailureException;
import dev.streampipe.core.decode.DecodeOutcome;
import dev.streampipe.core.decode.DecodedBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends a batch's poison (record, route) pairs to the dead-letter sink, in one call, with the raw records: only those
 * before the earliest retryable failure (the rest will be delivered again). A dead-letter sink that fails
 * retryably makes those records retryable; anything else it throws fails the batch. Thread-safe.
 */
public final class DeadLettering {
    private final DeadLetterSink sink;

    public DeadLettering(DeadLetterSink sink) {
        this.sink = Objects.requireNonNull(sink, "deadLetters");
    }

    /** Dead-letters what {@code tracker} holds as poison; returns how many letters were stored, counted by route. */
    public int send(DecodedBatch batch, BatchTracker tracker, Deadline deadline, Map<String, Long> byRoute,
                    StageListener stages) {
        int limit = tracker.earliestRetry();
        List<DeadLetter> letters = new ArrayList<>();
        for (DecodeOutcome o : batch.outcomes()) {
            if (o.index() >= limit) {
                break;
            }
            tracker.poisonOf(o.index()).forEach((route, reason) -> letters.add(new DeadLetter(o.index(),
                    o.eventId().orElse(null), o.sequenceNumber().orElse(null), route, reason, o.raw())));
        }
        if (letters.isEmpty()) {
            return 0;
        }
        try {
            stages.around(Phase.DEAD_LETTER, null, () -> {
                sink.deadLetter(letters, deadline);
                return null;
            });
        } catch (RetryableSinkException e) {
            for (DeadLetter l : letters) {
                tracker.retry(l.recordIndex(), "dead-letter sink '" + sink.name() + "' failed: " + e.getMessage());
            }
            return 0;
        } catch (RuntimeException e) {
            throw new UnexpectedFailureException("dead-letter sink '" + sink.name() + "' threw "
                    + e.getClass().getName() + ": " + e.getMessage() + " (a bug), failing the batch", e);
        }
        for (DeadLetter l : letters) {
            byRoute.merge(l.routeOrNull() == null ? BatchResult.UNDECODABLE : l.routeOrNull(), 1L, Long::sum);
        }
        return letters.size();
    }
}
