package dev.streampipe.core.topology;

import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.record.StreamViewType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;

/** The predicates branches are made of, bound to the table's key schema. */
public final class Predicates {
    private final KeySchema schema;

    private Predicates(KeySchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    public static Predicates forSchema(KeySchema schema) {
        return new Predicates(schema);
    }

    public RecordPredicate sortKeyPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return RecordPredicate.named(schema.sortKey() + " begins with \"" + prefix + "\"",
                r -> schema.sortKeyOf(r).map(sk -> sk.startsWith(prefix)).orElse(false));
    }

    public RecordPredicate sortKeyEquals(String sortKey) {
        Objects.requireNonNull(sortKey, "sortKey");
        return RecordPredicate.named(schema.sortKey() + " = \"" + sortKey + "\"",
                r -> schema.sortKeyOf(r).map(sortKey::equals).orElse(false));
    }

    public static RecordPredicate eventName(EventName first, EventName... more) {
        EnumSet<EventName> names = EnumSet.of(first, more);
        return RecordPredicate.named(names.size() == 1 ? names.iterator().next().name()
                : "event in " + names, r -> names.contains(r.eventName()));
    }

    /**
     * True for a MODIFY whose old and new images disagree on {@code attribute}, and for a MODIFY that lacks either
     * image (the change cannot be told, so the route that needs both images must reject it rather than let the
     * record fall through to another branch unnoticed).
     */
    public static RecordPredicate attributeChangedOrUntellable(String attribute) {
        RecordPredicate changed = attributeChanged(attribute);
        return RecordPredicate.reading(StreamViewType.NEW_AND_OLD_IMAGES,
                "MODIFY changing " + attribute + " (or without both images)",
                r -> r.eventName() == EventName.MODIFY
                        && (r.oldImage().isEmpty() || r.newImage().isEmpty() || changed.test(r)));
    }

    /**
     * True for a MODIFY whose old and new images disagree on {@code attribute} (added, removed or changed).
     * False when either image is missing: without both, a change cannot be told.
     */
    public static RecordPredicate attributeChanged(String attribute) {
        Objects.requireNonNull(attribute, "attribute");
        return RecordPredicate.reading(StreamViewType.NEW_AND_OLD_IMAGES, "MODIFY changing " + attribute, r -> {
            if (r.eventName() != EventName.MODIFY || r.oldImage().isEmpty() || r.newImage().isEmpty()) {
                return false;
            }
            Optional<AttributeValue> before = r.oldImage().get().get(attribute);
            Optional<AttributeValue> after = r.newImage().get().get(attribute);
            return !before.equals(after);
        });
    }
}
