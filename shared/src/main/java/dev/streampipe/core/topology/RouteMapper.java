package dev.streampipe.core.topology;

import dev.streampipe.core.record.ChangeRecord;
import java.util.Optional;

/**
 * Maps a change record to the payload a route sends ({@link Payload#of} text, or {@link Payload#json} a value the
 * runtime writes as JSON), or to nothing ({@link Optional#empty()}). Must be deterministic and side-effect free.
 * A record that can never be mapped (a required attribute missing, a value out of range) is best reported by
 * throwing {@link PoisonRecordException} with a reason. Whatever the mapper throws, the record is poison for this
 * route only: dead-lettered with the reason (the exception's class, message and where it was thrown, for anything but
 * a {@code PoisonRecordException} or {@link dev.streampipe.core.record.InvalidAttributeException}), while the other
 * routes still take it and the batch goes on.
 */
@FunctionalInterface
public interface RouteMapper {
    Optional<Payload> map(ChangeRecord record);
}
