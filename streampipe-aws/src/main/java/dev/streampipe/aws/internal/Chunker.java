package dev.streampipe.aws.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** Splits entries, in order, into the fewest consecutive chunks that respect a {@link BatchLimits}. */
public final class Chunker {
    private Chunker() {
    }

    /** Every entry must already fit {@code limits.maxEntryBytes()}. */
    public static <E> List<List<E>> chunk(List<E> entries, BatchLimits limits, ToLongFunction<E> size) {
        List<List<E>> chunks = new ArrayList<>();
        List<E> current = new ArrayList<>();
        long bytes = 0;
        for (E e : entries) {
            long s = size.applyAsLong(e);
            if (s > limits.maxEntryBytes()) {
                throw new IllegalArgumentException("entry of " + s + " bytes exceeds the per-entry limit of "
                        + limits.maxEntryBytes());
            }
            if (!current.isEmpty() && (current.size() == limits.maxEntries() || bytes + s > limits.maxCallBytes())) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(e);
            bytes += s;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
