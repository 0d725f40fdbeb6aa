package dev.streampipe.hotkey.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streampipe.hotkey.Distribution;
import dev.streampipe.hotkey.KeyTraffic;
import dev.streampipe.hotkey.ThrottleEvents;
import dev.streampipe.hotkey.TrafficProfile;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The advice's arithmetic, decision rules, determinism and JSON shape. */
class ThroughputAdvisorTest {

    private static final AdvicePolicy POLICY = AdvicePolicy.defaults();

    @Test
    void shouldComputeShardsPricesAndConfidenceWhenTrafficIsSteady() {
        // GIVEN 300 s at 1,500 WCU/s and 600 RCU/s, one key peaking at 1,200 WCU/s and 400 RCU/s
        TrafficProfile profile = profile(300, 1_500, 600, 1_500, List.of(
                new KeyTraffic("SESSION#hot", 360_000, 360_000, 120_000, 120_000, 1_200, 400, 0, 0, 299)));

        // WHEN advised
        ThroughputAdvice advice = ThroughputAdvisor.advise(profile, null, POLICY);

        // THEN shards = ceil(1,200 ÷ 800) = 2, reads seen → deterministic suffix; read shards = ceil(400 ÷ 2,400) = 1
        ThroughputAdvice.HotKey hot = advice.measurements().hotKeys().get(0);
        assertThat(hot.writeShardsNeeded()).isEqualTo(2);
        assertThat(hot.readShardsNeeded()).isEqualTo(1);
        assertThat(hot.readPattern()).isEqualTo("deterministic-suffix");
        assertThat(hot.wcuShare()).isCloseTo(360_000 / 450_000.0, within(1e-9));
        // on-demand: 1,500 × 2,628,000 s × $0.625/M + 600 × 2,628,000 × $0.125/M = 2,463.75 + 197.10
        ThroughputAdvice.Capacity capacity = advice.measurements().capacity();
        assertThat(capacity.onDemandMonthlyUsd()).isEqualTo(2_660.85);
        // provisioned: ceil(1,500 ÷ 0.7) = 2,143 WCU × 730 h × $0.00065 + ceil(600 ÷ 0.7) = 858 RCU × 730 × $0.00013
        assertThat(capacity.provisionedWcu()).isEqualTo(2_143);
        assertThat(capacity.provisionedRcu()).isEqualTo(858);
        assertThat(capacity.provisionedMonthlyUsd()).isEqualTo(1_098.28);
        assertThat(capacity.recommended()).isEqualTo("provisioned-with-autoscaling");
        // confidence = 1 − 0.99^300
        assertThat(advice.confidence()).isEqualTo(0.951);
        assertThat(advice.constraints()).extracting(ThroughputAdvice.Constraint::value)
                .containsExactly("write-shard:SESSION#hot:2:deterministic-suffix", "provisioned-with-autoscaling:2143-wcu:858-rcu");
        assertThat(advice.constraints().get(0).priority()).isEqualTo("hard"); // 1,200 > 1,000 WCU/s
    }

    @Test
    void shouldRecommendOnDemandWhenPeakIsMoreThanTwiceP99() {
        // GIVEN steady 100 WCU/s with one 1,000 WCU/s second in 200
        TrafficProfile profile = profile(200, 100, 0, 1_000, List.of());

        // WHEN advised, THEN on-demand: peak/p99 = 10 > 2 although provisioned would be cheaper
        ThroughputAdvice.Capacity capacity = ThroughputAdvisor.advise(profile, null, POLICY).measurements().capacity();
        assertThat(capacity.provisionedMonthlyUsd()).isLessThan(capacity.onDemandMonthlyUsd());
        assertThat(capacity.recommended()).isEqualTo("on-demand");
    }

    @Test
    void shouldScatterGatherWhenAShardedKeyIsNeverRead() {
        // GIVEN a write-only key at 2,000 WCU/s
        TrafficProfile profile = profile(60, 2_000, 0, 2_000, List.of(
                new KeyTraffic("TENANT#1", 120_000, 120_000, 0, 0, 2_000, 0, 60, 0, 59)));

        // WHEN advised, THEN 3 random suffixes and scatter-gather reads; confidence 1 − 0.99^60 = 0.4528
        ThroughputAdvice advice = ThroughputAdvisor.advise(profile, null, POLICY);
        assertThat(advice.measurements().hotKeys().get(0).writeShardsNeeded()).isEqualTo(3);
        assertThat(advice.measurements().hotKeys().get(0).readPattern()).isEqualTo("scatter-gather");
        assertThat(advice.measurements().keysOverPartitionLimit()).isEqualTo(1);
        assertThat(advice.confidence()).isEqualTo(0.4528);
    }

    @Test
    void shouldGiveTheSameJsonInTheReferenceShapeWhenAdvisedTwice() {
        // GIVEN a profile and throttles
        TrafficProfile profile = profile(120, 50, 900, 50, List.of(new KeyTraffic("A", 6_000, 6_000, 100_000, 50_000, 50, 850, 0, 0, 119)));
        ThrottleEvents throttles = new ThrottleEvents(8);
        throttles.record(profile.table(), "A", List.of("TableReadKeyRangeThroughputExceeded"));

        // WHEN advised twice
        String first = ThroughputAdvisor.advise(profile, throttles, POLICY).toJson();
        String second = ThroughputAdvisor.advise(profile, throttles, POLICY).toJson();

        // THEN identical, with every top-level field of the reference and the constraint fields
        assertThat(first).isEqualTo(second);
        assertThat(first).contains("\"analysis\"", "\"workload_summary\"", "\"hotspot_findings\"", "\"capacity_findings\"",
                "\"rationale\"", "\"recommendation\"", "\"partition_strategy\"", "\"capacity_mode\"", "\"constraints\"",
                "\"source_agent\" : \"streampipe-throughput-advisor\"", "\"trade_offs\"", "\"confidence\"",
                "\"TableReadKeyRangeThroughputExceeded\" : 1");
    }

    /** {@code seconds} seconds at a constant rate, the last write second at {@code lastWcu}. */
    private static TrafficProfile profile(int seconds, double wcu, double rcu, double lastWcu, List<KeyTraffic> keys) {
        double[] w = new double[seconds];
        Arrays.fill(w, wcu);
        w[seconds - 1] = lastWcu;
        double[] r = new double[seconds];
        Arrays.fill(r, rcu);
        long totalWcu = (long) Arrays.stream(w).sum();
        double totalRcu = Arrays.stream(r).sum();
        return new TrafficProfile("sessions", 0, seconds - 1, seconds, 0, Distribution.of(w), Distribution.of(r),
                totalWcu, totalWcu, totalRcu, (long) totalRcu, keys);
    }
}
