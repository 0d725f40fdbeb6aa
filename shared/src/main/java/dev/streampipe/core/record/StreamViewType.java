package dev.streampipe.core.record;

/** Which images the stream carries, as configured on the table. */
public enum StreamViewType {
    KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES
}
