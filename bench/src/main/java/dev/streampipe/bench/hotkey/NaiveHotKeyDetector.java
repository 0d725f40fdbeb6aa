package dev.streampipe.bench.hotkey;

import dev.streampipe.hotkey.WriteUnits;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The baseline: an exact sliding-window detector that keeps a list of (timestamp, WCU) per key
 * and per shard, as the reference design does, with running sums so a record costs O(1)
 * amortized. Rate = WCU in the window ÷ window. Memory grows with the number of writes in the
 * window and of distinct keys; {@link #evaluate(Instant)} sweeps every key to drop stale ones.
 * Thread-safe through one lock. Benchmark use only.
 */
public final class NaiveHotKeyDetector {

    private final long windowMillis;
    private final int windowSeconds;
    private final double wcuThreshold;
    private final Map<String, Map<String, TimeLog>> keysByTable = new HashMap<>();
    private final Map<String, Map<String, TimeLog>> shardsByTable = new HashMap<>();
    private final Set<String> hotKeys = new HashSet<>();

    public NaiveHotKeyDetector(int windowSeconds, double wcuThreshold) {
        this.windowSeconds = windowSeconds;
        this.windowMillis = windowSeconds * 1_000L;
        this.wcuThreshold = wcuThreshold;
    }

    public synchronized void record(String table, String partitionKey, String shardId, long sizeBytes, Instant at) {
        int wcu = WriteUnits.ofSize(sizeBytes);
        long millis = at.toEpochMilli();
        TimeLog key = keysByTable.computeIfAbsent(table, t -> new HashMap<>()).computeIfAbsent(partitionKey, k -> new TimeLog());
        key.add(millis, wcu, windowMillis);
        shardsByTable.computeIfAbsent(table, t -> new HashMap<>()).computeIfAbsent(shardId, s -> new TimeLog())
                .add(millis, wcu, windowMillis);
        if (key.wcuSum > wcuThreshold * windowSeconds) {
            hotKeys.add(partitionKey);
        }
    }

    /** Prunes every log to the window ending at {@code now}, drops empty ones; returns the hot-key count. */
    public synchronized int evaluate(Instant now) {
        long cutoff = now.toEpochMilli() - windowMillis;
        for (Map<String, TimeLog> logs : keysByTable.values()) {
            prune(logs, cutoff);
        }
        for (Map<String, TimeLog> logs : shardsByTable.values()) {
            prune(logs, cutoff);
        }
        hotKeys.removeIf(key -> keysByTable.values().stream()
                .map(logs -> logs.get(key))
                .noneMatch(log -> log != null && log.wcuSum > wcuThreshold * windowSeconds));
        return hotKeys.size();
    }

    private static void prune(Map<String, TimeLog> logs, long cutoff) {
        Iterator<TimeLog> it = logs.values().iterator();
        while (it.hasNext()) {
            TimeLog log = it.next();
            log.pruneBefore(cutoff);
            if (log.size == 0) {
                it.remove();
            }
        }
    }

    /** Exact WCU/s of a key over the window, or 0 if unknown. */
    public synchronized double wcuRateOf(String table, String partitionKey) {
        TimeLog log = keysByTable.getOrDefault(table, Map.of()).get(partitionKey);
        return log == null ? 0 : (double) log.wcuSum / windowSeconds;
    }

    public synchronized int trackedKeyCount(String table) {
        return keysByTable.getOrDefault(table, Map.of()).size();
    }

    /** A growable ring of (millis, wcu) with a running WCU sum. */
    private static final class TimeLog {
        private long[] times = new long[2];
        private int[] units = new int[2];
        private int head;
        private int size;
        private long wcuSum;

        void add(long millis, int wcu, long windowMillis) {
            pruneBefore(millis - windowMillis);
            if (size == times.length) {
                grow();
            }
            int tail = (head + size) % times.length;
            times[tail] = millis;
            units[tail] = wcu;
            size++;
            wcuSum += wcu;
        }

        void pruneBefore(long cutoff) {
            while (size > 0 && times[head] <= cutoff) {
                wcuSum -= units[head];
                head = (head + 1) % times.length;
                size--;
            }
        }

        private void grow() {
            long[] newTimes = new long[times.length * 2];
            int[] newUnits = new int[times.length * 2];
            for (int i = 0; i < size; i++) {
                newTimes[i] = times[(head + i) % times.length];
                newUnits[i] = units[(head + i) % times.length];
            }
            times = newTimes;
            units = newUnits;
            head = 0;
        }

        @Override
        public String toString() {
            return "TimeLog" + Arrays.toString(Arrays.copyOf(times, size));
        }
    }
}
