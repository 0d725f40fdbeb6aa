package dev.streampipe.testing;

import dev.streampipe.core.batch.EffectLedger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A HashMap effect ledger for tests. Thread-safe. */
public final class InMemoryEffectLedger implements EffectLedger {
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    @Override
    public Set<String> completed(Collection<String> effectKeys) {
        Set<String> out = new HashSet<>();
        for (String k : effectKeys) {
            if (done.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    @Override
    public void markCompleted(Collection<String> effectKeys) {
        done.addAll(effectKeys);
    }

    public Set<String> entries() {
        return Set.copyOf(done);
    }
}
