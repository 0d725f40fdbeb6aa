package dev.streampipe.testing.aws;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Unique, UUID-shaped identifiers for request ids, message ids and record ids. */
final class Ids {

    private static final long HIGH_BITS = 0x100bac00_0000_4000L;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Ids() {
    }

    static String next() {
        return new UUID(HIGH_BITS, 0x8000_0000_0000_0000L | SEQUENCE.incrementAndGet()).toString();
    }
}
