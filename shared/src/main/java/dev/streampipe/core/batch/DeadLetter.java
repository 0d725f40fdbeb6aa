package dev.streampipe.core.batch;

import dev.streampipe.core.decode.RawRecord;
import dev.streampipe.core.record.Texts;
import java.util.Objects;

/**
 * A poison record on its way to the dead-letter sink: the raw record exactly as it arrived, and why it can never
 * succeed.
 *
 * @param routeOrNull the route that rejected it, or {@code null} when it could not even be decoded
 * @param reason      why; cut to {@value #MAX_REASON_CHARS} characters, saying so, when longer (a mapper's message
 *                    may quote a whole value)
 */
public record DeadLetter(int recordIndex, String eventIdOrNull, String sequenceNumberOrNull, String routeOrNull,
                         String reason, RawRecord raw) {
    /** The longest reason a letter carries. */
    public static final int MAX_REASON_CHARS = 4096;

    public DeadLetter {
        reason = Texts.abbreviate(Objects.requireNonNull(reason, "reason"), MAX_REASON_CHARS);
        Objects.requireNonNull(raw, "raw");
    }
}
