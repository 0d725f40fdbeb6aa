package dev.streampipe.bench.chaos;

import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.state.ClosedWindow;
import dev.streampipe.core.state.GroupKey;
import dev.streampipe.core.state.InMemoryStateStore;
import dev.streampipe.core.state.StateStore;
import dev.streampipe.router.SessionTopology;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The router's state store in the chaos run: the {@link InMemoryStateStore} (the store contract's reference) behind
 * the faults the schedule programs per invocation, as a DynamoDB store would meet them: a throttling burst (after
 * the invocation's first k calls, the next n fail: an apply, or a read, close or emit after the apply took effect), an outage (every call of the invocation fails), and a write applied whose
 * answer is lost (the apply takes effect, then fails as a timeout would). Each fails with
 * {@link RetryableSinkException}, which makes the router ask for the whole batch again.
 *
 * <p>It also records, per batch id, the late contributions the last apply under that id was refused (what the
 * engine counts in {@code BatchResult.state().late()}): the last apply is the one that stands, since an apply
 * replaces the earlier ones of its batch. {@code noGuard} makes the broken variant: every apply gets a batch id of
 * its own, so a batch delivered again is added again instead of replacing itself.
 *
 * <p>Thread-safe; faults are per invocation: {@link #endInvocation()} clears them.
 */
final class ChaosStateStore implements StateStore {
    private InMemoryStateStore store;
    private final boolean noGuard;
    private final Map<String, Long> refusedByBatch = new HashMap<>();
    private long applies;
    private int succeedFirst;
    private int failNext;
    private boolean outage;
    private boolean loseNextAnswer;

    ChaosStateStore(InMemoryStateStore store, boolean noGuard) {
        this.store = Objects.requireNonNull(store, "store");
        this.noGuard = noGuard;
    }

    /** After the invocation's first {@code skip} calls, the next {@code calls} fail as throttled. */
    synchronized void throttle(int skip, int calls) {
        succeedFirst = skip;
        failNext = calls;
    }

    /** Every call of this invocation fails. */
    synchronized void outage() {
        outage = true;
    }

    /** The invocation's first apply takes effect, then fails as if its answer was lost. */
    synchronized void loseNextAnswer() {
        loseNextAnswer = true;
    }

    /** Forgets everything written so far (a warm-up's), going on with {@code fresh}. */
    synchronized void forget(InMemoryStateStore fresh) {
        store = Objects.requireNonNull(fresh, "fresh");
        refusedByBatch.clear();
        applies = 0;
        endInvocation();
    }

    synchronized void endInvocation() {
        succeedFirst = 0;
        failNext = 0;
        outage = false;
        loseNextAnswer = false;
    }

    private void maybeFail() {
        if (outage) {
            throw new RetryableSinkException("state store unavailable (InternalServerError, injected outage)");
        }
        if (succeedFirst > 0) {
            succeedFirst--;
        } else if (failNext > 0) {
            failNext--;
            throw new RetryableSinkException("state store throttled the request"
                    + " (ProvisionedThroughputExceededException, injected)");
        }
    }

    @Override
    public synchronized Set<GroupKey> apply(String batch, Map<GroupKey, long[]> contribution) {
        maybeFail();
        String id = noGuard ? batch + "#" + ++applies : batch;
        Set<GroupKey> refused = store.apply(id, contribution);
        long late = 0;
        for (GroupKey k : refused) {
            if (k.store().equals(SessionTopology.HANDOFFS_BY_REASON)) {
                late += contribution.get(k)[0];
            }
        }
        refusedByBatch.put(id, late);
        if (loseNextAnswer) {
            loseNextAnswer = false;
            throw new RetryableSinkException("state store write timed out after it was applied (injected)");
        }
        return refused;
    }

    @Override
    public synchronized Map<GroupKey, long[]> get(Collection<GroupKey> keys) {
        maybeFail();
        return store.get(keys);
    }

    @Override
    public synchronized List<ClosedWindow> closeDue(String name, long streamTimeMillis) {
        maybeFail();
        return store.closeDue(name, streamTimeMillis);
    }

    @Override
    public synchronized void emitted(String name, long windowStart) {
        maybeFail();
        store.emitted(name, windowStart);
    }

    @Override
    public synchronized long streamTime(String name) {
        return store.streamTime(name);
    }

    @Override
    public synchronized Map<GroupKey, long[]> all(String name) {
        return store.all(name);
    }

    /** Handoffs refused as late by the apply that stands for each batch id. */
    synchronized long lateRefused() {
        return refusedByBatch.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Applies that took effect. */
    synchronized long applyCalls() {
        return store.applyCalls();
    }

    /** (group, window) values those applies wrote. */
    synchronized long valuesWritten() {
        return store.valuesWritten();
    }
}
