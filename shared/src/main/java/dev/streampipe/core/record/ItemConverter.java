package dev.streampipe.core.record;

/**
 * Turns an {@link Item} into a value of the user's own type (a table's item class). Handed to {@link Item#as}, which
 * converts each image once per converter however many routes read it; keep one converter per type (a constant) so
 * they share the result. Must be pure: same item, same value.
 *
 * <p>An item that does not make a {@code T} (an attribute of another type, a number out of range) must be reported by
 * throwing {@link InvalidAttributeException} naming the attribute: that failure is remembered too, and makes the
 * record poison for the routes that read it. Any other exception is a bug and is not remembered.
 *
 * @param <T> the type the item becomes
 */
@FunctionalInterface
public interface ItemConverter<T> {
    /**
     * {@code item} as a {@code T}.
     *
     * @throws InvalidAttributeException when the item does not make a {@code T}
     */
    T convert(Item item);
}
