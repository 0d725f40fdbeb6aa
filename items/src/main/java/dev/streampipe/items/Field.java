package dev.streampipe.items;

import dev.streampipe.core.record.ChangeRecord;
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
 * <p>A value is absent when its image is (an INSERT has no old image, a REMOVE no new one, a stream may carry one
 * image only) or when the getter returns {@code null}; each predicate says what it makes of an absent value, and none
 * throws for one. An image that does not map to the item class makes the record poison for the split that tests it.
 * Immutable and thread-safe.
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

    /** True when the new image's value equals {@code value}; false without a new image. */
    public RecordPredicate is(V value) {
        Objects.requireNonNull(value, "value");
        return RecordPredicate.named(name + " is " + text(value), r -> newValue(r).map(value::equals).orElse(false));
    }

    /**
     * True when the new image's value equals {@code value} and the old image's does not (an INSERT, or a stream
     * without old images, counts as not equal before): a change <em>to</em> {@code value}.
     */
    public RecordPredicate becomes(V value) {
        Objects.requireNonNull(value, "value");
        return RecordPredicate.named(name + " becomes " + text(value),
                r -> newValue(r).map(value::equals).orElse(false) && !oldValue(r).map(value::equals).orElse(false));
    }

    /**
     * True when the record has both images and their values differ (one absent, the other not, included). False for
     * an INSERT or REMOVE, or a stream without both images: without both, a change cannot be told.
     */
    public RecordPredicate changed() {
        return RecordPredicate.named(name + " changed", r -> {
            if (r.newImage().isEmpty() || r.oldImage().isEmpty()) {
                return false;
            }
            return !newValue(r).equals(oldValue(r));
        });
    }

    /**
     * True when the new value is below {@code threshold} and the old one was not: the old image at or above it, or
     * absent (an INSERT, a stream without old images, an item that lacked the value). False without a new value.
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
     * absent (an INSERT, a stream without old images, an item that lacked the value). False without a new value.
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
        return RecordPredicate.named(name + " crosses " + direction + " " + text(threshold), r -> {
            if (!newValue(r).map(beyond::test).orElse(false)) {
                return false;
            }
            return !oldValue(r).map(beyond::test).orElse(false);
        });
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
