package dev.streampipe.testing;

import dev.streampipe.core.batch.EffectKey;
import dev.streampipe.core.batch.EffectLedger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A HashMap effect ledger for tests; reads and writes can be made to fail retryably. Thread-safe. */
public final class InMemoryEffectLedger implements EffectLedger {
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger readFailures = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger writeFailures = new java.util.concurrent.atomic.AtomicInteger();

    /** The next {@code times} reads throw {@link dev.streampipe.core.batch.RetryableSinkException}. */
    public InMemoryEffectLedger failReads(int times) {
        readFailures.set(times);
        return this;
    }

    /** The next {@code times} writes throw {@link dev.streampipe.core.batch.RetryableSinkException}. */
    public InMemoryEffectLedger failWrites(int times) {
        writeFailures.set(times);
        return this;
    }

    @Override
    public Set<EffectKey> completed(Collection<EffectKey> effectKeys) {
        if (readFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new dev.streampipe.core.batch.RetryableSinkException("injected ledger read failure");
        }
        Set<EffectKey> out = new HashSet<>();
        for (EffectKey k : effectKeys) {
            if (done.contains(k.toString())) {
                out.add(k);
            }
        }
        return out;
    }

    @Override
    public void markCompleted(Collection<EffectKey> effectKeys) {
        if (writeFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new dev.streampipe.core.batch.RetryableSinkException("injected ledger write failure");
        }
        effectKeys.forEach(k -> done.add(k.toString()));
    }

    /** The effects recorded, in their stored form {@code <eventID>#<route>}. */
    public Set<String> entries() {
        return Set.copyOf(done);
    }
}
