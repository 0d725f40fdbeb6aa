package dev.streampipe.hotkey;

import dev.streampipe.core.record.ItemSize;
import java.util.Map;

/**
 * Write capacity units consumed by one write: 1 WCU per started 1 KB (1,024 bytes) of item
 * size, at least 1. A put or update that replaces an item is billed on the larger of the old
 * and new item; a delete on the deleted item — which is what {@link #ofChange(long, long)}
 * computes from a stream record's two images. Transactional writes cost double; stream records
 * do not say whether a write was transactional, so this is not reflected.
 */
public final class WriteUnits {

    /** Bytes per write capacity unit. */
    public static final int BYTES_PER_WCU = 1_024;

    private WriteUnits() {
    }

    /** WCU for an item of {@code sizeBytes} bytes (&gt;= 0). */
    public static int ofSize(long sizeBytes) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
        long units = (sizeBytes + BYTES_PER_WCU - 1) / BYTES_PER_WCU;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, units));
    }

    /**
     * WCU for a change with old and new image sizes; pass 0 for an absent image
     * (INSERT has no old image, REMOVE no new image).
     */
    public static int ofChange(long oldImageBytes, long newImageBytes) {
        if (oldImageBytes < 0 || newImageBytes < 0) {
            throw new IllegalArgumentException(
                    "image sizes must be >= 0, were old=" + oldImageBytes + " new=" + newImageBytes);
        }
        return ofSize(Math.max(oldImageBytes, newImageBytes));
    }

    /** WCU for an item given as a plain-Java map; see {@link ItemSize#ofItem(Map)}. */
    public static int ofItem(Map<String, ?> item) {
        return ofSize(ItemSize.ofItem(item));
    }
}
