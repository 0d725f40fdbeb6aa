package dev.streampipe.core.topology;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.StreamViewType;
import java.util.Objects;

/**
 * A test on a change record, for filters and split branches. Must be side-effect free. A predicate that throws
 * (an {@link dev.streampipe.core.record.InvalidAttributeException} from a typed accessor, a
 * {@link PoisonRecordException} of its own, or anything else) makes the record poison where it was asked: a filter's
 * route rejects the record; in a split the record takes no branch and is dead-lettered under the split's name. The
 * batch goes on either way. A predicate built by
 * {@link Predicates} or {@link #named} says what it tests in {@link #describe()}, which {@link Topology#describe()}
 * prints; a bare lambda describes itself as {@code <predicate>}.
 */
@FunctionalInterface
public interface RecordPredicate {
    boolean test(ChangeRecord record);

    /** What this predicate tests, for {@link Topology#describe()}. */
    default String describe() {
        return "<predicate>";
    }

    /**
     * The images this predicate reads, as the stream view type that carries them ({@code KEYS_ONLY}: none, the
     * default). {@link Topology#requiredViewType()} counts them beside its routes' needs.
     */
    default StreamViewType imagesRead() {
        return StreamViewType.KEYS_ONLY;
    }

    /** {@code predicate}, described as {@code description}; it reads the images {@code predicate} reads. */
    static RecordPredicate named(String description, RecordPredicate predicate) {
        return reading(Objects.requireNonNull(predicate, "predicate").imagesRead(), description, predicate);
    }

    /**
     * {@code predicate}, described as {@code description}, reading the images {@code images} carries:
     * {@code RecordPredicate.reading(NEW_AND_OLD_IMAGES, "quantity fell", r -> ...)}.
     */
    static RecordPredicate reading(StreamViewType images, String description, RecordPredicate predicate) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(predicate, "predicate");
        return new RecordPredicate() {
            @Override
            public boolean test(ChangeRecord record) {
                return predicate.test(record);
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public StreamViewType imagesRead() {
                return images;
            }
        };
    }

    default RecordPredicate and(RecordPredicate other) {
        return reading(imagesRead().and(other.imagesRead()), describe() + " and " + other.describe(),
                r -> test(r) && other.test(r));
    }

    default RecordPredicate or(RecordPredicate other) {
        return reading(imagesRead().and(other.imagesRead()), "(" + describe() + " or " + other.describe() + ")",
                r -> test(r) || other.test(r));
    }

    default RecordPredicate negate() {
        return reading(imagesRead(), "not (" + describe() + ")", r -> !test(r));
    }
}
