package dev.streampipe.core.topology;

import dev.streampipe.core.record.ChangeRecord;
import java.util.Optional;

/**
 * Maps a change record to the payload a route sends, or to nothing. Must be deterministic and side-effect free.
 * A record that can never be mapped (a required attribute missing, a value out of range) must be reported by
 * throwing {@link PoisonRecordException} with a reason (an {@link dev.streampipe.core.record.InvalidAttributeException}
 * from reading the record counts the same); the batch engine dead-letters the record for this route only. Any other
 * exception is a bug: the batch fails loudly.
 */
@FunctionalInterface
public interface RouteMapper {
    Optional<Payload> map(ChangeRecord record);
}
