package dev.streampipe.core.hotkey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine keeps for one table: its key stripes, each with a sketch, candidates
 * and shard rings. Safe for concurrent callers: a write locks one stripe.
 */
final class TableState {

    private final String table;
    private final KeyStripe[] stripes;
    private final int stripeMask;
    private final int windowSeconds;

    TableState(String table, HotKeyConfig config) {
        this.table = table;
        this.windowSeconds = config.windowSeconds();
        this.stripes = new KeyStripe[config.stripes()];
        this.stripeMask = config.stripes() - 1;
        int width = config.sketchWidth() / config.stripes();
        int capacity = config.maxTrackedKeysPerTable() / config.stripes();
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new KeyStripe(table, width, config.sketchDepth(), capacity, windowSeconds);
        }
    }

    void record(String key, String shardId, long second, int units, int admissionFloor) {
        long hash = CountMinSketch.mix(key.hashCode());
        stripeOf(hash).record(key, hash, shardId, second, units, admissionFloor);
    }

    void evaluate(Instant now, RateMode mode, Thresholds rules, AlertPolicy policy, List<AlertTransition> out) {
        long nowSecond = now.getEpochSecond();
        for (KeyStripe stripe : stripes) {
            stripe.evaluate(now, nowSecond, mode, rules, policy, out);
        }
    }

    KeyRate rateOf(String key, long nowSecond, RateMode mode, Thresholds rules) {
        return stripeOf(CountMinSketch.mix(key.hashCode())).rateOf(key, nowSecond, mode, rules);
    }

    List<KeyRate> keyRates(long nowSecond, RateMode mode, Thresholds rules) {
        List<KeyRate> rates = new ArrayList<>();
        for (KeyStripe stripe : stripes) {
            stripe.collect(nowSecond, mode, rules, rates);
        }
        return rates;
    }

    List<ShardRate> shardRates(long nowSecond, RateMode mode) {
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

    int trackedKeyCount() {
        int count = 0;
        for (KeyStripe stripe : stripes) {
            count += stripe.size();
        }
        return count;
    }

    /** Records that arrived after their second had left their shard's window. */
    long droppedLateWrites() {
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
