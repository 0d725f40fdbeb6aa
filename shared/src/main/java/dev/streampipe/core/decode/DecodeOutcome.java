package dev.streampipe.core.decode;

import dev.streampipe.core.record.ChangeRecord;
import java.util.Objects;
import java.util.Optional;

/** What became of one record of a batch: decoded, or malformed with a reason. Index is the position in the batch. */
public sealed interface DecodeOutcome {

    int index();

    RawRecord raw();

    /** The stream sequence number if it could be read, even from a malformed record. */
    Optional<String> sequenceNumber();

    /** The {@code eventID} if it could be read, even from a malformed record. */
    Optional<String> eventId();

    record Decoded(int index, ChangeRecord record, RawRecord raw) implements DecodeOutcome {
        public Decoded {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(raw, "raw");
        }

        @Override
        public Optional<String> sequenceNumber() {
            return Optional.of(record.sequenceNumber().value());
        }

        @Override
        public Optional<String> eventId() {
            return Optional.of(record.eventId());
        }
    }

    /**
     * A record that cannot be decoded. {@code field} is a JSON path such as
     * {@code Records[3].dynamodb.NewImage.turn_number.N}; {@code reason} says what is wrong with it.
     */
    record Malformed(int index, String eventIdOrNull, String sequenceNumberOrNull, String field, String reason,
                     RawRecord raw) implements DecodeOutcome {
        public Malformed {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(raw, "raw");
        }

        @Override
        public Optional<String> sequenceNumber() {
            return Optional.ofNullable(sequenceNumberOrNull);
        }

        @Override
        public Optional<String> eventId() {
            return Optional.ofNullable(eventIdOrNull);
        }

        /** One line naming the record and the field: what an operator reads in a log or dead letter. */
        public String message() {
            return "record " + index + " (eventID " + (eventIdOrNull == null ? "unknown" : eventIdOrNull)
                    + ", sequence " + (sequenceNumberOrNull == null ? "unknown" : sequenceNumberOrNull)
                    + "): " + field + ": " + reason;
        }
    }
}
