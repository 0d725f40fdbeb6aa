package dev.streampipe.hotkey.internal;

import dev.streampipe.hotkey.KeyTraffic;
import dev.streampipe.hotkey.Mitigation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Per-key traffic totals and per-second peaks of one table since the engine started (or was
 * cleared), harvested from candidates' exact rings at each evaluation, for the throughput advice.
 * Bounded: at most {@code capacity} keys; when full, the key with the lowest total load (in
 * {@link Candidate} score units) is dropped to make room, so keys that stay hot are kept and a
 * long tail of lukewarm keys is forgotten. Counts of a key start at its admission as a candidate.
 * Not thread-safe: the owning {@link TableState} locks.
 */
final class KeyLedger {

    private final int capacity;
    private final Map<String, Totals> keys = new HashMap<>();

    KeyLedger(int capacity) {
        this.capacity = capacity;
    }

    void add(String key, long second, int wcu, int writes, int readHalves, int reads) {
        Totals totals = keys.get(key);
        if (totals == null) {
            if (keys.size() >= capacity) {
                dropLightest();
            }
            totals = new Totals(second);
            keys.put(key, totals);
        }
        totals.wcu += wcu;
        totals.writes += writes;
        totals.readHalves += readHalves;
        totals.reads += reads;
        totals.peakWcu = Math.max(totals.peakWcu, wcu);
        totals.peakReadHalves = Math.max(totals.peakReadHalves, readHalves);
        totals.lastSecond = Math.max(totals.lastSecond, second);
        totals.firstSecond = Math.min(totals.firstSecond, second);
        if (wcu > Mitigation.PARTITION_WCU_LIMIT || readHalves > 2 * Mitigation.PARTITION_RCU_LIMIT) {
            totals.secondsOverLimit++;
        }
    }

    private void dropLightest() {
        Iterator<Map.Entry<String, Totals>> it = keys.entrySet().iterator();
        String lightest = null;
        long lowest = Long.MAX_VALUE;
        while (it.hasNext()) {
            Map.Entry<String, Totals> entry = it.next();
            long score = entry.getValue().score();
            if (score < lowest) {
                lowest = score;
                lightest = entry.getKey();
            }
        }
        keys.remove(lightest);
    }

    List<KeyTraffic> snapshot() {
        List<KeyTraffic> out = new ArrayList<>(keys.size());
        keys.forEach((key, t) -> out.add(new KeyTraffic(key, t.wcu, t.writes, t.readHalves / 2.0, t.reads,
                t.peakWcu, t.peakReadHalves / 2.0, t.secondsOverLimit, t.firstSecond, t.lastSecond)));
        return out;
    }

    private static final class Totals {
        long wcu;
        long writes;
        long readHalves;
        long reads;
        int peakWcu;
        int peakReadHalves;
        int secondsOverLimit;
        long firstSecond;
        long lastSecond;

        Totals(long second) {
            firstSecond = second;
            lastSecond = second;
        }

        long score() {
            return Candidate.SCORE_PER_WCU * wcu + Candidate.SCORE_PER_HALF_RCU * readHalves;
        }
    }
}
