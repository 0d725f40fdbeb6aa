package dev.streampipe.hotkey.internal;

import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.KeyCounts;
import dev.streampipe.hotkey.KeyRate;
import dev.streampipe.hotkey.RateMode;
import dev.streampipe.hotkey.ShardRate;
import dev.streampipe.hotkey.Thresholds;
import dev.streampipe.hotkey.TrafficProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine keeps for one table: its key stripes, each with a sketch, candidates
 * and shard rings, and the traffic history and key ledger the advice reads. Safe for concurrent
 * callers: a write or read locks one stripe; evaluation and the profile lock this table's history.
 */
public final class TableState {

    private final String table;
    private final KeyStripe[] stripes;
    private final int stripeMask;
    private final int windowSeconds;
    private final TrafficHistory history;
    private final KeyLedger ledger;

    public TableState(String table, HotKeyConfig config) {
        this.table = table;
        this.windowSeconds = config.windowSeconds();
        this.stripes = new KeyStripe[config.stripes()];
        this.stripeMask = config.stripes() - 1;
        this.history = config.historySeconds() == 0 ? null : new TrafficHistory(config.historySeconds());
        this.ledger = config.historySeconds() == 0 ? null : new KeyLedger(config.ledgerKeys());
        int width = config.sketchWidth() / config.stripes();
        int capacity = config.maxTrackedKeysPerTable() / config.stripes();
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new KeyStripe(table, width, config.sketchDepth(), capacity, windowSeconds);
        }
    }

    public void record(String key, String shardId, long second, int units, int admissionFloor) {
        long hash = CountMinSketch.mix(key.hashCode());
        stripeOf(hash).record(key, hash, shardId, second, units, admissionFloor);
    }

    public void recordRead(String key, long second, int halfUnits, int admissionFloor) {
        if (key == null) {
            stripes[0].recordRead(null, 0, second, halfUnits, admissionFloor);
            return;
        }
        long hash = CountMinSketch.mix(key.hashCode());
        stripeOf(hash).recordRead(key, hash, second, halfUnits, admissionFloor);
    }

    public void evaluate(Instant now, RateMode mode, Thresholds rules, AlertPolicy policy, List<AlertTransition> out) {
        long nowSecond = now.getEpochSecond();
        if (history == null) {
            for (KeyStripe stripe : stripes) {
                stripe.evaluate(now, nowSecond, mode, rules, policy, out, null);
            }
            return;
        }
        synchronized (history) {
            harvestTotals(nowSecond);
            for (KeyStripe stripe : stripes) {
                stripe.evaluate(now, nowSecond, mode, rules, policy, out, ledger);
            }
        }
    }

    /** Appends every full second since the last evaluation (and still held by the rings) to the history. */
    private void harvestTotals(long nowSecond) {
        long last = history.lastSecond();
        long from = last == Long.MIN_VALUE ? nowSecond - windowSeconds : Math.max(last + 1, nowSecond - windowSeconds);
        history.skipTo(from);
        long[] totals = new long[4];
        for (long s = from; s < nowSecond; s++) {
            Arrays.fill(totals, 0);
            for (KeyStripe stripe : stripes) {
                stripe.addTotalsAt(s, totals);
            }
            if (history.lastSecond() != Long.MIN_VALUE || totals[0] + totals[2] > 0) {
                history.add(s, totals);
            }
        }
    }

    /** The traffic profile, or null when the history is off. */
    public TrafficProfile profile() {
        if (history == null) {
            return null;
        }
        synchronized (history) {
            return history.profile(table, ledger.snapshot());
        }
    }

    public KeyRate rateOf(String key, long nowSecond, RateMode mode, Thresholds rules) {
        return stripeOf(CountMinSketch.mix(key.hashCode())).rateOf(key, nowSecond, mode, rules);
    }

    public KeyCounts countsOf(String key, long nowSecond) {
        return stripeOf(CountMinSketch.mix(key.hashCode())).countsOf(key, nowSecond);
    }

    public List<KeyRate> keyRates(long nowSecond, RateMode mode, Thresholds rules) {
        List<KeyRate> rates = new ArrayList<>();
        for (KeyStripe stripe : stripes) {
            stripe.collect(nowSecond, mode, rules, rates);
        }
        return rates;
    }

    public List<ShardRate> shardRates(long nowSecond, RateMode mode) {
        Map<String, WindowTotals> totals = new HashMap<>();
        for (KeyStripe stripe : stripes) {
            stripe.collectShards(totals, nowSecond);
        }
        List<ShardRate> rates = new ArrayList<>(totals.size());
        totals.forEach((shardId, total) -> {
            Rates measured = total.measure(mode);
            rates.add(new ShardRate(table, shardId, measured.wcu(), measured.writes()));
        });
        return rates;
    }

    public int trackedKeyCount() {
        int count = 0;
        for (KeyStripe stripe : stripes) {
            count += stripe.size();
        }
        return count;
    }

    /** Records that arrived after their second had left their shard's window. */
    public long droppedLateWrites() {
        long dropped = 0;
        for (KeyStripe stripe : stripes) {
            dropped += stripe.droppedLateWrites();
        }
        return dropped;
    }

    private KeyStripe stripeOf(long hash) {
        return stripes[(int) (hash >>> 40) & stripeMask];
    }
}
