package dev.streampipe.core.batch;

import dev.streampipe.core.decode.RawRecord;
import java.util.Objects;

/**
 * A poison record on its way to the dead-letter sink: the raw record exactly as it arrived, and why it can never
 * succeed.
 *
 * @param routeOrNull the route that rejected it, or {@code null} when it could not even be decoded
 */
public record DeadLetter(int recordIndex, String eventIdOrNull, String sequenceNumberOrNull, String routeOrNull,
                         String reason, RawRecord raw) {
    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raw, "raw");
    }
}
