package dev.streampipe.core.topology;

import dev.streampipe.core.record.ChangeRecord;

/** A test on a change record, for split branches. Must be side-effect free and must not throw. */
@FunctionalInterface
public interface RecordPredicate {
    boolean test(ChangeRecord record);

    default RecordPredicate and(RecordPredicate other) {
        return r -> test(r) && other.test(r);
    }

    default RecordPredicate or(RecordPredicate other) {
        return r -> test(r) || other.test(r);
    }

    default RecordPredicate negate() {
        return r -> !test(r);
    }
}
