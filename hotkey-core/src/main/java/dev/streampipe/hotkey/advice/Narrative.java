package dev.streampipe.hotkey.advice;

import static dev.streampipe.hotkey.advice.ThroughputAdvisor.fmt;
import static dev.streampipe.hotkey.advice.ThroughputAdvisor.num;

import dev.streampipe.hotkey.TrafficProfile;
import java.util.ArrayList;
import java.util.List;

/** The words of the advice, each carrying the arithmetic of its figures. Deterministic. */
final class Narrative {

    private Narrative() {
    }

    static ThroughputAdvice of(String table, ThroughputAdvice.Measurements m, TrafficProfile profile,
                               AdvicePolicy policy, double confidence) {
        ThroughputAdvice.Capacity c = m.capacity();
        String summary = fmt("%d s sampled: writes peak %s / p99 %s / mean %s WCU/s, reads peak %s / p99 %s / mean %s RCU/s "
                        + "(%d writes, %d reads in total); top %d keys carry %s%% of WCU and %s%% of RCU.",
                m.sampleSeconds(), num(m.peakWcuPerSecond()), num(m.p99WcuPerSecond()), num(m.meanWcuPerSecond()),
                num(m.peakRcuPerSecond()), num(m.p99RcuPerSecond()), num(m.meanRcuPerSecond()),
                profile.totalWrites(), profile.totalReads(), m.hotKeys().size(),
                num(m.topKeysWcuShare() * 100), num(m.topKeysRcuShare() * 100));
        List<String> findings = new ArrayList<>();
        for (ThroughputAdvice.HotKey k : m.hotKeys()) {
            findings.add(fmt("%s: peak %s WCU/s (%s%% of the 1,000 limit), %s RCU/s (%s%% of 3,000); %s%% of table WCU, "
                            + "%s%% of RCU. %s", k.key(), num(k.peakWcuPerSecond()), num(k.peakWcuPerSecond() / 10),
                    num(k.peakRcuPerSecond()), num(k.peakRcuPerSecond() / 30), num(k.wcuShare() * 100),
                    num(k.rcuShare() * 100), k.explanation()));
        }
        findings.add(fmt("%d key(s) passed a partition limit in their busiest second.", m.keysOverPartitionLimit()));
        if (!m.throttlesByReason().isEmpty()) {
            findings.add("Throttled requests by reason: " + m.throttlesByReason() + ".");
        }
        String capacityFindings = fmt("On-demand: %s WCU/s × 3,600 × %s h × $%s/M + %s RCU/s × 3,600 × %s h × $%s/M = $%s/month. "
                        + "Provisioned: %d WCU × %s h × $%s + %d RCU × %s h × $%s = $%s/month. %s",
                num(m.meanWcuPerSecond()), num(policy.hoursPerMonth()), num(policy.prices().perMillionWriteRequests()),
                num(m.meanRcuPerSecond()), num(policy.hoursPerMonth()), num(policy.prices().perMillionReadRequests()),
                num(c.onDemandMonthlyUsd()), c.provisionedWcu(), num(policy.hoursPerMonth()), price(policy.prices().perWcuHour()),
                c.provisionedRcu(), num(policy.hoursPerMonth()), price(policy.prices().perRcuHour()),
                num(c.provisionedMonthlyUsd()), c.headroomPolicy());
        boolean shard = m.hotKeys().stream().anyMatch(k -> k.writeShardsNeeded() > 1);
        String rationale = (shard
                ? "Partition-level pressure: at least one key needs more than one write shard at the target utilization, "
                + "which no capacity mode fixes (on-demand and provisioned share the per-partition limits). "
                : "No key needs write sharding at the target utilization " + num(policy.targetUtilization()) + ". ")
                + fmt("Capacity mode by rule: %s, because provisioned ($%s) %s on-demand ($%s) and peak/p99 is %s for writes "
                        + "and %s for reads (limit %s). The month is the %d-second sample repeated.",
                c.recommended(), num(c.provisionedMonthlyUsd()),
                c.provisionedMonthlyUsd() < c.onDemandMonthlyUsd() ? "is cheaper than" : "is not cheaper than",
                num(c.onDemandMonthlyUsd()), ratio(m.peakWcuPerSecond(), m.p99WcuPerSecond()),
                ratio(m.peakRcuPerSecond(), m.p99RcuPerSecond()), num(policy.maxPeakToP99()), m.sampleSeconds());
        String partition = shard
                ? String.join(" ", m.hotKeys().stream().filter(k -> k.writeShardsNeeded() > 1)
                .map(k -> fmt("Shard %s into %d suffixes (%s).", k.key(), k.writeShardsNeeded(), k.readPattern())).toList())
                : "Keep the current partition key: no key needs more than one partition.";
        List<String> mitigation = new ArrayList<>();
        if (shard) {
            mitigation.add("Write-shard the keys listed under hot_keys; reads follow their read_pattern.");
        }
        if (profile.keys().stream().anyMatch(k -> k.peakRcuPerSecond() > 3_000 * policy.targetUtilization())) {
            mitigation.add("Cache read-hot keys (DAX or in-process) before sharding them.");
        }
        mitigation.add("Keep SDK retries with exponential backoff and jitter; alert on KeyRangeThroughputExceeded reasons.");
        List<String> controls = List.of("Use an idempotency key with a conditional write on retried paths.",
                "Keep transactions small on the hot path: each item costs double units.");
        List<ThroughputAdvice.Constraint> constraints = new ArrayList<>();
        int id = 1;
        for (ThroughputAdvice.HotKey k : m.hotKeys()) {
            if (k.writeShardsNeeded() > 1) {
                boolean over = k.peakWcuPerSecond() > 1_000 || k.peakRcuPerSecond() > 3_000;
                constraints.add(new ThroughputAdvice.Constraint("c-hk-" + id++, "partition-key-distribution",
                        "write-shard:" + k.key() + ":" + k.writeShardsNeeded() + ":" + k.readPattern(),
                        over ? "hard" : "soft", ThroughputAdvisor.SOURCE));
            }
        }
        constraints.add(new ThroughputAdvice.Constraint("c-hk-" + id, "capacity-policy", c.recommended()
                + (c.recommended().startsWith("provisioned") ? fmt(":%d-wcu:%d-rcu", c.provisionedWcu(), c.provisionedRcu()) : ""),
                "soft", ThroughputAdvisor.SOURCE));
        List<ThroughputAdvice.TradeOff> tradeOffs = List.of(
                new ThroughputAdvice.TradeOff("On-demand", List.of("No capacity planning; absorbs spikes up to the partition limits",
                        fmt("$%s/month at the sampled mean", num(c.onDemandMonthlyUsd()))),
                        List.of("Per-request price; costlier for a sustained, steady load"),
                        "Traffic is spiky (peak > " + num(policy.maxPeakToP99()) + " × p99) or unknown"),
                new ThroughputAdvice.TradeOff("Provisioned + Auto Scaling", List.of(
                        fmt("$%s/month for %d WCU and %d RCU", num(c.provisionedMonthlyUsd()), c.provisionedWcu(), c.provisionedRcu()),
                        "Predictable cost; headroom set by the target utilization"),
                        List.of("Auto scaling reacts in minutes: spikes above the provisioned units live on burst capacity or throttle"),
                        "Steady traffic whose provisioned cost is below on-demand"),
                new ThroughputAdvice.TradeOff("Write sharding", List.of("Spreads a hot key over N partitions"),
                        List.of("Reads of the key scatter-gather over N, or need the suffix derived from the sort key"),
                        "A key's peak exceeds the target share of one partition"));
        return new ThroughputAdvice(table, m, new ThroughputAdvice.Analysis(summary, List.copyOf(findings), capacityFindings),
                rationale, new ThroughputAdvice.Recommendation(partition, c.recommended(), List.copyOf(mitigation), controls),
                List.copyOf(constraints), tradeOffs, Math.round(confidence * 10_000) / 10_000.0);
    }

    private static String ratio(double peak, double p99) {
        return p99 <= 0 ? (peak <= 0 ? "0" : "unbounded") : num(Math.round(peak / p99 * 100) / 100.0);
    }

    /** A unit price with every significant digit it has (an hourly unit price is a fraction of a cent). */
    private static String price(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
