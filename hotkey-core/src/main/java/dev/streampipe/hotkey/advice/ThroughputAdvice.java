package dev.streampipe.hotkey.advice;

import java.util.List;
import java.util.Map;

/**
 * Throughput advice for one table, computed from measured traffic by {@link ThroughputAdvisor}, in the
 * throughput-advisor reference's shape ({@link #toJson()}: analysis, rationale, recommendation, constraints,
 * trade_offs, confidence) plus the figures behind it ({@code measurements}). Every string names its arithmetic.
 *
 * @param table        table name
 * @param measurements the numbers
 * @param analysis     workload summary, hotspot findings, capacity findings
 * @param rationale    why the recommendation follows
 * @param recommendation partition strategy, capacity mode, throttling mitigation, operational controls
 * @param constraints  constraints for downstream agents
 * @param tradeOffs    options with pros and cons
 * @param confidence   {@code 1 − 0.99^n} for n sampled seconds; see {@link ThroughputAdvisor}
 */
public record ThroughputAdvice(String table, Measurements measurements, Analysis analysis, String rationale,
                               Recommendation recommendation, List<Constraint> constraints, List<TradeOff> tradeOffs,
                               double confidence) {

    /** What was measured and computed. */
    public record Measurements(int sampleSeconds, long fromSecond, long toSecond, double peakWcuPerSecond,
                               double p99WcuPerSecond, double meanWcuPerSecond, double peakRcuPerSecond,
                               double p99RcuPerSecond, double meanRcuPerSecond, double topKeysWcuShare,
                               double topKeysRcuShare, int keysOverPartitionLimit, List<HotKey> hotKeys,
                               Capacity capacity, Map<String, Long> throttlesByReason) {
    }

    /**
     * One heavy key and its sharding arithmetic.
     *
     * @param readPattern {@code none}, {@code scatter-gather} or {@code deterministic-suffix}
     */
    public record HotKey(String key, double peakWcuPerSecond, double peakRcuPerSecond, double wcuShare,
                         double rcuShare, int writeShardsNeeded, int readShardsNeeded, String readPattern,
                         String explanation) {
    }

    /** Both capacity modes priced from the observed traffic. */
    public record Capacity(double onDemandMonthlyUsd, int provisionedWcu, int provisionedRcu,
                           double provisionedMonthlyUsd, String recommended, String headroomPolicy,
                           String pricesSource) {
    }

    public record Analysis(String workloadSummary, List<String> hotspotFindings, String capacityFindings) {
    }

    public record Recommendation(String partitionStrategy, String capacityMode, List<String> throttlingMitigation,
                                 List<String> operationalControls) {
    }

    public record Constraint(String id, String target, String value, String priority, String sourceAgent) {
    }

    public record TradeOff(String option, List<String> pros, List<String> cons, String recommendedWhen) {
    }

    /** The reference's JSON shape, keys in a fixed order, plus {@code table} and {@code measurements}. */
    public String toJson() {
        return AdviceJson.write(this);
    }
}
