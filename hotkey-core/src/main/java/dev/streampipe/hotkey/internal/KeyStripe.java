package dev.streampipe.hotkey.internal;

import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.KeyCounts;
import dev.streampipe.hotkey.KeyRate;
import dev.streampipe.hotkey.RateMode;
import dev.streampipe.hotkey.Thresholds;
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
 * <p>Reads (client side only) have their own sketch, in half-RCUs, and a ring of this stripe's
 * read totals, both created at the stripe's first read; a key read but never written is admitted
 * by the read sketch, and one candidate carries both rings. Scores that compare reads and writes
 * use {@link Candidate#SCORE_PER_WCU} and {@link Candidate#SCORE_PER_HALF_RCU}.
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
    private final int sketchWidth;
    private final int sketchDepth;
    private CountMinSketch readSketch;
    private long readSketchSecond = Long.MIN_VALUE;
    private SecondRing readTotals;
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
        this.sketchWidth = sketchWidth;
        this.sketchDepth = sketchDepth;
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
            Candidate admitted = admit(key, second, Candidate.SCORE_PER_WCU * (long) estimate);
            if (admitted != null) {
                admitted.ring.add(second, units);
            }
        }
    }

    /**
     * Counts one read of {@code halfUnits} half-RCUs at {@code second}; {@code key} null counts it
     * in the table's totals only (a scan reads the table, not one key).
     */
    synchronized void recordRead(String key, long hash, long second, int halfUnits, int admissionFloor) {
        if (readTotals == null) {
            readTotals = new SecondRing(windowSeconds, second);
        }
        if (!readTotals.add(second, halfUnits)) {
            droppedLateWrites++;
            return;
        }
        if (key == null) {
            return;
        }
        Candidate candidate = candidates.get(key);
        if (candidate != null) {
            candidate.reads(second).add(second, halfUnits);
            return;
        }
        if (readSketch == null) {
            readSketch = new CountMinSketch(sketchWidth, sketchDepth);
        }
        if (second > readSketchSecond) {
            readSketch.clear();
            readSketchSecond = second;
        }
        int estimate = readSketch.addAndEstimate(hash, halfUnits);
        if (estimate >= admissionFloor) {
            Candidate admitted = admit(key, second, Candidate.SCORE_PER_HALF_RCU * (long) estimate);
            if (admitted != null) {
                admitted.reads(second).add(second, halfUnits);
            }
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

    private Candidate admit(String key, long second, long score) {
        if (candidates.size() >= capacity && !evictColderThan(score, second)) {
            return null;
        }
        Candidate candidate = new Candidate(key, windowSeconds, second, score);
        candidates.put(key, candidate);
        return candidate;
    }

    private boolean evictColderThan(long estimate, long second) {
        if (second == evictionBarSecond && estimate <= evictionBar) {
            return false;
        }
        Candidate coldest = null;
        long coldestScore = Long.MAX_VALUE;
        for (Candidate candidate : candidates.values()) {
            if (!candidate.isPinned()) {
                long score = candidate.recentScore(second);
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
                               List<AlertTransition> out, KeyLedger ledger) {
        Iterator<Candidate> it = candidates.values().iterator();
        while (it.hasNext()) {
            Candidate candidate = it.next();
            if (ledger != null) {
                harvest(candidate, nowSecond, ledger);
            }
            candidate.refreshThreshold(table, rules);
            AlertTransition transition = policy.step(table, candidate, candidate.measure(nowSecond, mode), now);
            if (transition != null) {
                out.add(transition);
            }
            if (!candidate.isPinned() && candidate.isIdle(nowSecond)) {
                it.remove();
            }
        }
        if (readTotals != null && readTotals.isIdle(nowSecond, windowSeconds)) {
            readTotals = null;
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
        Rates rates = candidate.measure(nowSecond, mode);
        return new KeyRate(table, candidate.key, rates.wcu(), rates.writes(), rates.rcu(), rates.reads(),
                candidate.state, candidate.threshold);
    }

    /** Hands the candidate's full seconds not yet harvested, and still held, to the ledger. */
    private void harvest(Candidate candidate, long nowSecond, KeyLedger ledger) {
        long from = Math.max(candidate.harvestedThrough + 1, nowSecond - windowSeconds);
        for (long s = from; s < nowSecond; s++) {
            int wcu = candidate.ring.wcuAt(s);
            int halves = candidate.readHalvesAt(s);
            if (wcu != 0 || halves != 0) {
                ledger.add(candidate.key, s, wcu, candidate.ring.writesAt(s), halves, candidate.readsAt(s));
            }
        }
        candidate.harvestedThrough = Math.max(candidate.harvestedThrough, nowSecond - 1);
    }

    /** {@code out[0..3] +=} this stripe's WCU, writes, half-RCUs and reads at {@code second}. */
    synchronized void addTotalsAt(long second, long[] out) {
        for (SecondRing shard : shards.values()) {
            out[0] += shard.wcuAt(second);
            out[1] += shard.writesAt(second);
        }
        if (readTotals != null) {
            out[2] += readTotals.wcuAt(second);
            out[3] += readTotals.writesAt(second);
        }
    }

    /** The key's counts over the window ending at {@code nowSecond}, or null when it is not tracked. */
    synchronized KeyCounts countsOf(String key, long nowSecond) {
        Candidate candidate = candidates.get(key);
        if (candidate == null) {
            return null;
        }
        long[] sums = new long[4];
        candidate.ring.sumWindow(nowSecond, windowSeconds, sums, 0);
        for (long s = nowSecond - windowSeconds + 1; s <= nowSecond; s++) {
            sums[2] += candidate.readHalvesAt(s);
            sums[3] += candidate.readsAt(s);
        }
        return new KeyCounts(table, key, windowSeconds, sums[1], sums[0], sums[3], sums[2] / 2.0);
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
