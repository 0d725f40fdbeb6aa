package dev.streampipe.core.record;

/** Which images the stream carries, as configured on the table; also which images a route or predicate reads. */
public enum StreamViewType {
    KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES;

    /** Whether this view type carries the new image (of an INSERT or MODIFY). */
    public boolean carriesNewImage() {
        return this == NEW_IMAGE || this == NEW_AND_OLD_IMAGES;
    }

    /** Whether this view type carries the old image (of a MODIFY or REMOVE). */
    public boolean carriesOldImage() {
        return this == OLD_IMAGE || this == NEW_AND_OLD_IMAGES;
    }

    /** The view type that carries every image this one or {@code other} carries. */
    public StreamViewType and(StreamViewType other) {
        return of(carriesNewImage() || other.carriesNewImage(), carriesOldImage() || other.carriesOldImage());
    }

    /** The view type carrying the new image, the old image, both or neither. */
    public static StreamViewType of(boolean newImage, boolean oldImage) {
        return newImage && oldImage ? NEW_AND_OLD_IMAGES : newImage ? NEW_IMAGE : oldImage ? OLD_IMAGE : KEYS_ONLY;
    }
}
