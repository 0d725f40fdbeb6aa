package dev.streampipe.core.hotkey;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One lock stripe of a table's keys: a Count-Min sketch of WCU in the current second (which
 * nominates candidates), a bounded map of candidates counted exactly, and exact per-shard rings
 * for the writes of this stripe's keys (a shard's rate is the sum over stripes, so one lock per
 * write suffices). A key always lands in the same stripe, so the stripe's sketch sees only its
 * keys and the error bound holds per stripe. Every method holds the stripe's monitor for a
 * short, allocation-free section (except admission and a shard's first write).
 *
 * <p>Admission: a key whose estimate for the current second reaches the floor becomes a
 * candidate; when the stripe is full it replaces the coldest unpinned candidate (lowest WCU in
 * the current plus previous second) only if that one is colder than the newcomer's estimate.
 * {@code evictionBar} caches a lower bound of that coldest score for the current second so a
 * flood of lukewarm keys does not rescan the candidates on every write.
 */
final class KeyStripe {

    private final String table;
    private final CountMinSketch sketch;
    private final Map<String, Candidate> candidates = new HashMap<>();
    private final Map<String, SecondRing> shards = new HashMap<>();
    private String lastShardId;
    private SecondRing lastShard;
    private long droppedLateWrites;
    private final int capacity;
    private final int windowSeconds;
    private long sketchSecond = Long.MIN_VALUE;
    private long evictionBar;
    private long evictionBarSecond = Long.MIN_VALUE;

    KeyStripe(String table, int sketchWidth, int sketchDepth, int capacity, int windowSeconds) {
        this.table = table;
        this.sketch = new CountMinSketch(sketchWidth, sketchDepth);
        this.capacity = capacity;
        this.windowSeconds = windowSeconds;
    }

    synchronized void record(String key, long hash, String shardId, long second, int units, int admissionFloor) {
        // KCL hands each processor one shard id instance, so an identity check usually skips the lookup.
        SecondRing shard = shardId == lastShardId ? lastShard : shardRing(shardId, second);
        if (!shard.add(second, units)) {
            droppedLateWrites++;
        }
        Candidate candidate = candidates.get(key);
        if (candidate != null) {
            candidate.ring.add(second, units);
            return;
        }
        if (second > sketchSecond) {
            sketch.clear();
            sketchSecond = second;
        }
        int estimate = sketch.addAndEstimate(hash, units);
        if (estimate >= admissionFloor) {
            admit(key, second, units, estimate);
        }
    }

    private SecondRing shardRing(String shardId, long second) {
        SecondRing ring = shards.get(shardId);
        if (ring == null) {
            ring = new SecondRing(windowSeconds, second);
            shards.put(shardId, ring);
        }
        lastShardId = shardId;
        lastShard = ring;
        return ring;
    }

    private void admit(String key, long second, int units, int estimate) {
        if (candidates.size() >= capacity && !evictColderThan(estimate, second)) {
            return;
        }
        Candidate candidate = new Candidate(key, windowSeconds, second, estimate);
        candidate.ring.add(second, units);
        candidates.put(key, candidate);
    }

    private boolean evictColderThan(int estimate, long second) {
        if (second == evictionBarSecond && estimate <= evictionBar) {
            return false;
        }
        Candidate coldest = null;
        long coldestScore = Long.MAX_VALUE;
        for (Candidate candidate : candidates.values()) {
            if (!candidate.isPinned()) {
                long score = candidate.recentWcu(second);
                if (score < coldestScore) {
                    coldest = candidate;
                    coldestScore = score;
                }
            }
        }
        // Scores only grow within a second and a newcomer enters above coldestScore, so it stays a lower bound.
        evictionBar = coldestScore;
        evictionBarSecond = second;
        if (coldest == null || coldestScore >= estimate) {
            return false;
        }
        candidates.remove(coldest.key);
        return true;
    }

    /** Steps every candidate's state machine, then drops OK candidates and shards idle for a window. */
    synchronized void evaluate(Instant now, long nowSecond, RateMode mode, Thresholds rules, AlertPolicy policy,
                               List<AlertTransition> out) {
        Iterator<Candidate> it = candidates.values().iterator();
        while (it.hasNext()) {
            Candidate candidate = it.next();
            candidate.refreshThreshold(table, rules);
            AlertTransition transition = policy.step(table, candidate, candidate.ring.measure(nowSecond, windowSeconds, mode), now);
            if (transition != null) {
                out.add(transition);
            }
            if (!candidate.isPinned() && candidate.ring.isIdle(nowSecond, windowSeconds)) {
                it.remove();
            }
        }
        evictionBarSecond = Long.MIN_VALUE;
        shards.values().removeIf(ring -> ring.isIdle(nowSecond, windowSeconds));
        lastShardId = null;
        lastShard = null;
    }

    synchronized KeyRate rateOf(String key, long nowSecond, RateMode mode, Thresholds rules) {
        Candidate candidate = candidates.get(key);
        return candidate == null ? null : rate(candidate, nowSecond, mode, rules);
    }

    synchronized void collect(long nowSecond, RateMode mode, Thresholds rules, List<KeyRate> out) {
        for (Candidate candidate : candidates.values()) {
            out.add(rate(candidate, nowSecond, mode, rules));
        }
    }

    private KeyRate rate(Candidate candidate, long nowSecond, RateMode mode, Thresholds rules) {
        candidate.refreshThreshold(table, rules);
        Rates rates = candidate.ring.measure(nowSecond, windowSeconds, mode);
        return new KeyRate(table, candidate.key, rates.wcu(), rates.writes(), candidate.state, candidate.threshold);
    }

    /** Adds this stripe's counts of every shard to {@code totals}. */
    synchronized void collectShards(Map<String, WindowTotals> totals, long nowSecond) {
        shards.forEach((shardId, ring) ->
                totals.computeIfAbsent(shardId, id -> new WindowTotals(nowSecond, windowSeconds)).add(ring));
    }

    synchronized long droppedLateWrites() {
        return droppedLateWrites;
    }

    synchronized int size() {
        return candidates.size();
    }
}
