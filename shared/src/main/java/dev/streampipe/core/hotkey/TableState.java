package dev.streampipe.core.hotkey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything the engine keeps for one table: key stripes (sketch + candidates) and exact shard
 * counters. Safe for concurrent callers: keys lock their stripe, shards their counter.
 */
final class TableState {

    private final String table;
    private final KeyStripe[] stripes;
    private final int stripeMask;
    private final int windowSeconds;
    private final Map<String, ShardCounter> shards = new ConcurrentHashMap<>();
    private final LongAdder droppedLateShardWrites = new LongAdder();

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
        stripeOf(hash).record(key, hash, second, units, admissionFloor);
        while (true) {
            ShardCounter counter = shards.get(shardId);
            if (counter == null) {
                counter = shards.computeIfAbsent(shardId, id -> new ShardCounter(windowSeconds, second));
            }
            ShardCounter.Added added = counter.add(second, units);
            if (added != ShardCounter.Added.RETIRED) {
                if (added == ShardCounter.Added.TOO_LATE) {
                    droppedLateShardWrites.increment();
                }
                return;
            }
            shards.remove(shardId, counter);
        }
    }

    void evaluate(Instant now, RateMode mode, Thresholds rules, AlertPolicy policy, List<AlertTransition> out) {
        long nowSecond = now.getEpochSecond();
        for (KeyStripe stripe : stripes) {
            stripe.evaluate(now, nowSecond, mode, rules, policy, out);
        }
        shards.entrySet().removeIf(shard -> shard.getValue().retireIfIdle(nowSecond, windowSeconds));
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
        List<ShardRate> rates = new ArrayList<>(shards.size());
        shards.forEach((shardId, counter) -> {
            Rates measured = counter.measure(nowSecond, windowSeconds, mode);
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

    /** Records that arrived after their second had left the shard's window. */
    long droppedLateWrites() {
        return droppedLateShardWrites.sum();
    }

    private KeyStripe stripeOf(long hash) {
        return stripes[(int) (hash >>> 40) & stripeMask];
    }
}
