package dev.streampipe.items;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.RecordPredicate;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One value of an item class (mostly an attribute), read through the item's getter, and the predicates a topology
 * branches on. Made by {@link ItemType#field}; each predicate describes itself ({@code quantity crosses below 10}) for
 * {@code Topology.describe()}.
 * <pre>{@code
 * Field<Inventory, Integer> QUANTITY = INVENTORY.field("quantity", Inventory::quantity);
 * .branch(QUANTITY.crossesBelow(10), lowStockRoute)
 * }</pre>
 *
 * <p>A value is absent when its image is (an INSERT has no old image, a REMOVE no new one) or when the getter returns
 * {@code null}; each predicate says what it makes of an absent value. Each predicate says which images it reads
 * ({@link RecordPredicate#imagesRead()}, so {@code Topology.requiredViewType()} asks for them), and a record that
 * should carry one of them and does not (a MODIFY on a stream without old images, for a predicate comparing before
 * and after) is poison where the predicate is asked, never a silent wrong answer. An image that does not map to the
 * item class is poison there too. Immutable and thread-safe.
 *
 * @param <T> the item class
 * @param <V> the value's type
 */
public final class Field<T, V> {
    private final ItemType<T> type;
    private final String name;
    private final Function<? super T, ? extends V> getter;

    Field(ItemType<T> type, String name, Function<? super T, ? extends V> getter) {
        this.type = type;
        this.name = Objects.requireNonNull(name, "name");
        this.getter = Objects.requireNonNull(getter, "getter");
    }

    /** The name the predicates' descriptions use. */
    public String name() {
        return name;
    }

    public ItemType<T> type() {
        return type;
    }

    /** The value in the new image; empty when there is none or the getter returns {@code null}. */
    public Optional<V> newValue(ChangeRecord record) {
        return type.change(record).newItem().map(getter);
    }

    /** The value in the old image; empty when there is none or the getter returns {@code null}. */
    public Optional<V> oldValue(ChangeRecord record) {
        return type.change(record).oldItem().map(getter);
    }

    /** True when the new image's value equals {@code value}; false for a REMOVE. Reads the new image. */
    public RecordPredicate is(V value) {
        Objects.requireNonNull(value, "value");
        String description = name + " is " + text(value);
        return RecordPredicate.reading(StreamViewType.NEW_IMAGE, description, r -> {
            requireImages(r, false, description);
            return newValue(r).map(value::equals).orElse(false);
        });
    }

    /**
     * True when the new image's value equals {@code value} and the old image's does not (an INSERT counts as not
     * equal before): a change <em>to</em> {@code value}. Reads both images.
     */
    public RecordPredicate becomes(V value) {
        Objects.requireNonNull(value, "value");
        String description = name + " becomes " + text(value);
        return RecordPredicate.reading(StreamViewType.NEW_AND_OLD_IMAGES, description, r -> {
            requireImages(r, true, description);
            return newValue(r).map(value::equals).orElse(false) && !oldValue(r).map(value::equals).orElse(false);
        });
    }

    /**
     * True for a MODIFY whose images' values differ by {@code equals} (one absent, the other not, included); false
     * for an INSERT or REMOVE. Reads both images. For values whose {@code equals} is stricter than their meaning
     * ({@code BigDecimal} 19.90 and 19.9), give an order: {@link #changed(Comparator)}.
     */
    public RecordPredicate changed() {
        return changed(name + " changed", (a, b) -> a.equals(b) ? 0 : 1);
    }

    /**
     * True for a MODIFY whose images' values differ in {@code order} ({@code Comparator.naturalOrder()} tells
     * {@code BigDecimal} 19.90 and 19.9 equal); one absent, the other not, counts as a change. Reads both images.
     */
    public RecordPredicate changed(Comparator<? super V> order) {
        Objects.requireNonNull(order, "order");
        return changed(name + " changed", order);
    }

    private RecordPredicate changed(String description, Comparator<? super V> order) {
        return RecordPredicate.reading(StreamViewType.NEW_AND_OLD_IMAGES, description, r -> {
            requireImages(r, true, description);
            if (r.eventName() != EventName.MODIFY) {
                return false;
            }
            Optional<V> before = oldValue(r);
            Optional<V> after = newValue(r);
            if (before.isEmpty() || after.isEmpty()) {
                return before.isPresent() != after.isPresent();
            }
            return order.compare(before.get(), after.get()) != 0;
        });
    }

    /**
     * True when the new value is below {@code threshold} and the old one was not: the old image at or above it, or
     * absent (an INSERT, an item that lacked the value). False without a new value. Reads both images.
     *
     * @throws IllegalArgumentException when {@code threshold} is not {@link Comparable} (give a comparator instead)
     */
    public RecordPredicate crossesBelow(V threshold) {
        return crossesBelow(threshold, naturalOrder(threshold, "crossesBelow"));
    }

    /** {@link #crossesBelow(Object)} in {@code order}. */
    public RecordPredicate crossesBelow(V threshold, Comparator<? super V> order) {
        Objects.requireNonNull(order, "order");
        return crossing(threshold, "below", v -> order.compare(v, threshold) < 0);
    }

    /**
     * True when the new value is above {@code threshold} and the old one was not: the old image at or below it, or
     * absent (an INSERT, an item that lacked the value). False without a new value. Reads both images.
     *
     * @throws IllegalArgumentException when {@code threshold} is not {@link Comparable} (give a comparator instead)
     */
    public RecordPredicate crossesAbove(V threshold) {
        return crossesAbove(threshold, naturalOrder(threshold, "crossesAbove"));
    }

    /** {@link #crossesAbove(Object)} in {@code order}. */
    public RecordPredicate crossesAbove(V threshold, Comparator<? super V> order) {
        Objects.requireNonNull(order, "order");
        return crossing(threshold, "above", v -> order.compare(v, threshold) > 0);
    }

    private RecordPredicate crossing(V threshold, String direction, java.util.function.Predicate<V> beyond) {
        Objects.requireNonNull(threshold, "threshold");
        String description = name + " crosses " + direction + " " + text(threshold);
        return RecordPredicate.reading(StreamViewType.NEW_AND_OLD_IMAGES, description, r -> {
            requireImages(r, true, description);
            if (!newValue(r).map(beyond::test).orElse(false)) {
                return false;
            }
            return !oldValue(r).map(beyond::test).orElse(false);
        });
    }

    /**
     * Rejects a record that lacks an image its event carries and {@code description} reads: the new image of an
     * INSERT or MODIFY; with {@code old}, the old image of a MODIFY too. Without it the predicate's answer would be a
     * guess.
     *
     * @throws PoisonRecordException naming the predicate, the image and the record's stream view type
     */
    private static void requireImages(ChangeRecord r, boolean old, String description) {
        boolean carriesNew = r.eventName() != EventName.REMOVE;
        String missing = carriesNew && r.newImage().isEmpty() ? "NewImage"
                : old && r.eventName() == EventName.MODIFY && r.oldImage().isEmpty() ? "OldImage" : null;
        if (missing != null) {
            throw new PoisonRecordException("'" + description + "' reads the " + missing + " of a " + r.eventName()
                    + " and the record has none (stream view type " + (r.streamViewType() == null ? "not given"
                    : r.streamViewType()) + "; the topology needs " + (old ? StreamViewType.NEW_AND_OLD_IMAGES
                    : StreamViewType.NEW_IMAGE) + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private Comparator<V> naturalOrder(V threshold, String method) {
        Objects.requireNonNull(threshold, "threshold");
        if (!(threshold instanceof Comparable)) {
            throw new IllegalArgumentException(name + "." + method + " needs a Comparable threshold or a comparator; "
                    + threshold + " is a " + threshold.getClass().getName());
        }
        return (a, b) -> ((Comparable<Object>) a).compareTo(b);
    }

    private static String text(Object value) {
        return value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    }

    @Override
    public String toString() {
        return "Field[" + type.name() + "." + name + "]";
    }
}
