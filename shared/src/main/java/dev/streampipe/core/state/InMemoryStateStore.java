package dev.streampipe.core.state;

import dev.streampipe.core.batch.RetryableSinkException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A {@link StateStore} in memory, keeping the store contract exactly (replace per batch id, closed windows refuse
 * records): the test driver's store, and the reference the DynamoDB store is checked against. Faults can be injected
 * ({@link #failNext}). Counts its calls and the (group, window) values each apply wrote. Thread-safe.
 */
public final class InMemoryStateStore implements StateStore {
    private final Map<String, StoreSpec> specs = new LinkedHashMap<>();
    private final Map<GroupKey, long[]> values = new TreeMap<>();
    private final Map<String, Map<GroupKey, long[]>> receipts = new HashMap<>();
    private final Map<String, Long> streamTimes = new HashMap<>();
    private final Map<String, TreeSet<Long>> closed = new HashMap<>();
    private final Map<String, TreeSet<Long>> emittedWindows = new HashMap<>();
    private final List<Supplier<RuntimeException>> faults = new ArrayList<>();
    private long applyCalls;
    private long valuesWritten;

    public InMemoryStateStore(Collection<StoreSpec> stores) {
        for (StoreSpec s : stores) {
            specs.put(s.name(), s);
        }
    }

    /** The next {@code times} calls (of any kind) fail with what {@code fault} makes, then calls succeed again. */
    public synchronized InMemoryStateStore failNext(int times, Supplier<RuntimeException> fault) {
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
        return this;
    }

    /** The next {@code times} calls fail as a throttled store would: {@link RetryableSinkException}. */
    public InMemoryStateStore throttle(int times) {
        return failNext(times, () -> new RetryableSinkException("state store throttled the request"
                + " (ProvisionedThroughputExceededException)"));
    }

    private void maybeFail() {
        if (!faults.isEmpty()) {
            throw faults.remove(0).get();
        }
    }

    @Override
    public synchronized Set<GroupKey> apply(String batch, Map<GroupKey, long[]> contribution) {
        Objects.requireNonNull(batch, "batch");
        maybeFail();
        applyCalls++;
        Set<GroupKey> refused = new TreeSet<>();
        Map<GroupKey, long[]> old = receipts.getOrDefault(batch, Map.of());
        Map<GroupKey, long[]> kept = new HashMap<>();
        Set<GroupKey> touched = new HashSet<>(old.keySet());
        touched.addAll(contribution.keySet());
        for (GroupKey key : touched) {
            StoreSpec spec = spec(key.store());
            long[] before = old.get(key);
            long[] after = contribution.get(key);
            if (key.windowed() && isClosed(key)) {
                if (after != null) {
                    refused.add(key);
                }
                if (before != null) {
                    kept.put(key, before);
                }
                continue;
            }
            long[] value = values.computeIfAbsent(key, k -> new long[spec.measures().size()]);
            for (int i = 0; i < value.length; i++) {
                value[i] += (after == null ? 0 : after[i]) - (before == null ? 0 : before[i]);
            }
            if (after != null) {
                kept.put(key, after.clone());
            }
            valuesWritten++;
        }
        receipts.put(batch, kept);
        return refused;
    }

    /** Closed, or due to close: its end plus grace at or before the stream time (a late record's window). */
    private boolean isClosed(GroupKey key) {
        TreeSet<Long> c = closed.get(key.store());
        if (c != null && c.contains(key.windowStart())) {
            return true;
        }
        Long now = streamTimes.get(key.store());
        return now != null && spec(key.store()).windowsOrNull().closesAt(key.windowStart()) <= now;
    }

    private StoreSpec spec(String store) {
        StoreSpec s = specs.get(store);
        if (s == null) {
            throw new IllegalArgumentException("no store named '" + store + "'; stores: " + specs.keySet());
        }
        return s;
    }

    @Override
    public synchronized Map<GroupKey, long[]> get(Collection<GroupKey> keys) {
        maybeFail();
        Map<GroupKey, long[]> out = new TreeMap<>();
        for (GroupKey k : keys) {
            long[] v = values.get(k);
            if (v != null) {
                out.put(k, v.clone());
            }
        }
        return out;
    }

    @Override
    public synchronized List<ClosedWindow> closeDue(String store, long streamTimeMillis) {
        maybeFail();
        TimeWindows windows = spec(store).windows().orElseThrow(() -> new IllegalArgumentException(
                "store '" + store + "' is not windowed"));
        long now = streamTimes.merge(store, streamTimeMillis, Math::max);
        TreeSet<Long> closedHere = closed.computeIfAbsent(store, s -> new TreeSet<>());
        for (GroupKey k : values.keySet()) {
            if (k.store().equals(store) && windows.closesAt(k.windowStart()) <= now) {
                closedHere.add(k.windowStart());
            }
        }
        TreeSet<Long> done = emittedWindows.computeIfAbsent(store, s -> new TreeSet<>());
        List<ClosedWindow> out = new ArrayList<>();
        for (long start : closedHere) {
            if (done.contains(start)) {
                continue;
            }
            Map<String, long[]> finals = new TreeMap<>();
            values.forEach((k, v) -> {
                if (k.store().equals(store) && k.windowStart() == start) {
                    finals.put(k.group(), v.clone());
                }
            });
            out.add(new ClosedWindow(store, start, windows.endOf(start), finals));
        }
        return out;
    }

    @Override
    public synchronized void emitted(String store, long windowStart) {
        maybeFail();
        emittedWindows.computeIfAbsent(store, s -> new TreeSet<>()).add(windowStart);
    }

    @Override
    public synchronized long streamTime(String store) {
        return streamTimes.getOrDefault(store, Long.MIN_VALUE);
    }

    @Override
    public synchronized Map<GroupKey, long[]> all(String store) {
        spec(store);
        Map<GroupKey, long[]> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.store().equals(store)) {
                out.put(k, v.clone());
            }
        });
        return out;
    }

    /** Calls of {@link #apply} that succeeded. */
    public synchronized long applyCalls() {
        return applyCalls;
    }

    /** (group, window) values written by those calls: one per value a call touched or took back. */
    public synchronized long valuesWritten() {
        return valuesWritten;
    }

    /** Whether {@code store}'s window starting at {@code start} is closed. */
    public synchronized boolean closed(String store, long start) {
        TreeSet<Long> c = closed.get(store);
        return c != null && c.contains(start);
    }
}
