package dev.streampipe.hotkey.advice;

import dev.streampipe.hotkey.Distribution;
import dev.streampipe.hotkey.KeyTraffic;
import dev.streampipe.hotkey.Mitigation;
import dev.streampipe.hotkey.ThrottleEvents;
import dev.streampipe.hotkey.TrafficProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Computes {@link ThroughputAdvice} from a {@link TrafficProfile}: deterministic (the same profile, throttles and
 * policy give the same advice) and explained (each figure's arithmetic is in its text).
 *
 * <ul>
 *   <li>Table: peak, p99 (nearest rank) and mean of the per-second WCU and RCU over the sampled seconds; the
 *       top keys' share of all WCU (RCU) since the first second; keys whose busiest second passed 1,000 WCU or
 *       3,000 RCU.</li>
 *   <li>Hot key: write shards = {@code ceil(peak WCU/s ÷ (1,000 × target))}, read shards likewise over 3,000;
 *       with more than one write shard, reads of the key become {@code deterministic-suffix} when the key is
 *       also read (the reader derives the suffix from the sort key, point reads stay one request) and
 *       {@code scatter-gather} when it is not (random suffixes spread writes best; a read queries all N).</li>
 *   <li>Capacity: on-demand = mean units/s × 3,600 × hours/month × price per million ÷ 10^6; provisioned =
 *       {@code max(1, ceil(p99 ÷ autoScalingTarget))} units × hours/month × price per unit-hour. Provisioned is
 *       recommended iff it is cheaper and peak ≤ maxPeakToP99 × p99 on both reads and writes. The month is the
 *       sample repeated: say so when the sample is short.</li>
 *   <li>Confidence = {@code 1 − 0.99^n}, n the sampled seconds: the probability that a sample of n independent
 *       seconds holds at least one second at or above the true 99th percentile, i.e. that the observed peak
 *       bounds the p99 the capacity is sized on. 60 s give 0.45, 300 s 0.95, 900 s 0.9999.</li>
 * </ul>
 */
public final class ThroughputAdvisor {

    static final String SOURCE = "streampipe-throughput-advisor";

    private ThroughputAdvisor() {
    }

    public static ThroughputAdvice advise(TrafficProfile profile, ThrottleEvents throttles, AdvicePolicy policy) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(policy, "policy");
        String table = profile.table();
        Map<String, Long> throttled = throttles == null ? Map.of() : throttles.byReason(table);
        Distribution w = profile.wcuPerSecond();
        Distribution r = profile.rcuPerSecond();
        List<KeyTraffic> top = profile.keys().stream().limit(policy.topKeys()).toList();
        double topWcu = top.stream().mapToDouble(KeyTraffic::wcu).sum();
        double topRcu = top.stream().mapToDouble(KeyTraffic::rcu).sum();
        double wcuShare = share(topWcu, profile.totalWcu());
        double rcuShare = share(topRcu, profile.totalRcu());
        int overLimit = (int) profile.keys().stream().filter(k -> k.peakWcuPerSecond() > Mitigation.PARTITION_WCU_LIMIT
                || k.peakRcuPerSecond() > Mitigation.PARTITION_RCU_LIMIT).count();
        List<ThroughputAdvice.HotKey> hotKeys = new ArrayList<>();
        for (KeyTraffic k : top) {
            hotKeys.add(hotKey(k, profile, policy.targetUtilization()));
        }
        ThroughputAdvice.Capacity capacity = capacity(w, r, policy);
        int n = profile.sampleSeconds();
        double confidence = n == 0 ? 0 : 1 - Math.pow(0.99, n);
        ThroughputAdvice.Measurements m = new ThroughputAdvice.Measurements(n, profile.fromSecond(), profile.toSecond(),
                w.peak(), w.p99(), w.mean(), r.peak(), r.p99(), r.mean(), wcuShare, rcuShare, overLimit,
                List.copyOf(hotKeys), capacity, throttled);
        return Narrative.of(table, m, profile, policy, confidence);
    }

    private static ThroughputAdvice.HotKey hotKey(KeyTraffic k, TrafficProfile profile, double target) {
        int writeShards = Mitigation.writeShardsNeeded(k.peakWcuPerSecond(), target);
        int readShards = (int) Math.max(1, Math.ceil(k.peakRcuPerSecond() / (Mitigation.PARTITION_RCU_LIMIT * target) - 1e-9));
        String pattern;
        String why;
        String shardMath = fmt("write shards = ceil(%s WCU/s ÷ (1,000 × %s)) = %d; read shards = ceil(%s RCU/s ÷ (3,000 × %s)) = %d",
                num(k.peakWcuPerSecond()), num(target), writeShards, num(k.peakRcuPerSecond()), num(target), readShards);
        if (writeShards == 1) {
            pattern = "none";
            why = shardMath + ": the key fits one partition; no suffix, reads unchanged.";
        } else if (k.reads() > 0) {
            pattern = "deterministic-suffix";
            why = shardMath + fmt(": suffix = hash(sort key) mod %d so each of its %d reads/window finds its item in one shard "
                    + "(GetItem stays 1 request); a query over the whole key must still scatter-gather over %d shards.",
                    writeShards, k.reads(), writeShards);
        } else {
            pattern = "scatter-gather";
            why = shardMath + fmt(": no reads of the key were seen, so random suffixes 0..%d spread writes evenly; "
                    + "a read of the key then queries all %d shards (%d× requests, each page billed at least 0.5 RCU).",
                    writeShards - 1, writeShards, writeShards);
        }
        if (readShards > 1) {
            why += fmt(" Reads alone exceed %s of 3,000 RCU/s: cache the key (DAX or in-process) or keep %d copies "
                    + "(writes ×%d).", num(target), readShards, readShards);
        }
        return new ThroughputAdvice.HotKey(k.key(), k.peakWcuPerSecond(), k.peakRcuPerSecond(),
                share(k.wcu(), profile.totalWcu()), share(k.rcu(), profile.totalRcu()), writeShards, readShards, pattern, why);
    }

    private static ThroughputAdvice.Capacity capacity(Distribution w, Distribution r, AdvicePolicy policy) {
        CapacityPrices p = policy.prices();
        double secondsPerMonth = 3_600 * policy.hoursPerMonth();
        double onDemand = w.mean() * secondsPerMonth * p.perMillionWriteRequests() / 1e6
                + r.mean() * secondsPerMonth * p.perMillionReadRequests() / 1e6;
        int wcu = provisioned(w.p99(), policy.autoScalingTarget());
        int rcu = provisioned(r.p99(), policy.autoScalingTarget());
        double provisioned = wcu * policy.hoursPerMonth() * p.perWcuHour() + rcu * policy.hoursPerMonth() * p.perRcuHour();
        boolean spiky = w.peak() > policy.maxPeakToP99() * w.p99() || r.peak() > policy.maxPeakToP99() * r.p99();
        String recommended = provisioned < onDemand && !spiky ? "provisioned-with-autoscaling" : "on-demand";
        String headroom = fmt("provisioned units = max(1, ceil(p99 second ÷ %s)): auto scaling target %s%% leaves %s%% "
                + "headroom over the p99 second; seconds above it draw on burst capacity (up to 300 s of unused capacity); "
                + "provisioned is chosen only if peak ≤ %s × p99.", num(policy.autoScalingTarget()),
                num(policy.autoScalingTarget() * 100), num(100 - policy.autoScalingTarget() * 100), num(policy.maxPeakToP99()));
        return new ThroughputAdvice.Capacity(round2(onDemand), wcu, rcu, round2(provisioned), recommended, headroom,
                p.region() + ", " + p.source() + ", as of " + p.asOf());
    }

    private static int provisioned(double p99, double target) {
        return (int) Math.max(1, Math.ceil(p99 / target - 1e-9));
    }

    static double share(double part, double whole) {
        return whole <= 0 ? 0 : Math.min(1, part / whole);
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** A number without trailing zeros: 812, 0.8, 12.35. */
    static String num(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
