package dev.streampipe.items;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.topology.PoisonRecordException;
import java.util.Objects;
import java.util.Optional;

/**
 * A change record whose images are read as the item class of an {@link ItemType}: {@link #newItem()} and
 * {@link #oldItem()}, each mapped once per record however many routes ask. Made by {@link ItemType#change}; the
 * values it gives are shared by every reader of the record, so do not change them.
 *
 * <p>An image that does not map to the class throws {@link PoisonRecordException} naming the class, the image and
 * the attribute where it can be told: the record is poison for the route or split that asked, and for no other.
 *
 * @param <T> the item class
 */
public final class TypedChange<T> {
    private final ItemType<T> type;
    private final ChangeRecord record;

    TypedChange(ItemType<T> type, ChangeRecord record) {
        this.type = type;
        this.record = record;
    }

    public ItemType<T> type() {
        return type;
    }

    /** The change record itself (keys, event name, sequence number, raw images). */
    public ChangeRecord record() {
        return record;
    }

    public EventName eventName() {
        return record.eventName();
    }

    /**
     * The item after the change; empty for a REMOVE or when the stream does not carry new images.
     *
     * @throws PoisonRecordException when the new image does not map to the item class
     */
    public Optional<T> newItem() {
        return record.newImage().map(image -> map(image, "NewImage"));
    }

    /**
     * The item before the change; empty for an INSERT or when the stream does not carry old images.
     *
     * @throws PoisonRecordException when the old image does not map to the item class
     */
    public Optional<T> oldItem() {
        return record.oldImage().map(image -> map(image, "OldImage"));
    }

    /**
     * The item after the change.
     *
     * @throws PoisonRecordException when the record has no new image (saying its event and stream view type), or
     *                               it does not map to the item class
     */
    public T requireNewItem() {
        return newItem().orElseThrow(() -> missing("NewImage"));
    }

    /**
     * The item before the change.
     *
     * @throws PoisonRecordException when the record has no old image (saying its event and stream view type), or
     *                               it does not map to the item class
     */
    public T requireOldItem() {
        return oldItem().orElseThrow(() -> missing("OldImage"));
    }

    private T map(Item image, String imageName) {
        try {
            return type.map(image);
        } catch (InvalidAttributeException e) {
            throw new PoisonRecordException(imageName + " as " + e.getMessage(), e);
        }
    }

    private PoisonRecordException missing(String imageName) {
        return new PoisonRecordException(record.eventName() + " record has no " + imageName + " to read as "
                + type.name() + " (stream view type " + (record.streamViewType() == null ? "not given"
                : record.streamViewType()) + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypedChange<?> other && type == other.type && record.equals(other.record);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, record);
    }

    @Override
    public String toString() {
        return "TypedChange[" + type.name() + ", " + record.eventName() + " " + record.eventId() + "]";
    }
}
