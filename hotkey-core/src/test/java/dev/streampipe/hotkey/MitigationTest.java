package dev.streampipe.hotkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class MitigationTest {

    @Test
    void shouldComputeWriteShardsFromPeakAndTargetUtilization() {
        assertThat(Mitigation.writeShardsNeeded(1_600, 0.8)).isEqualTo(2);
        assertThat(Mitigation.writeShardsNeeded(1_601, 0.8)).isEqualTo(3);
        assertThat(Mitigation.writeShardsNeeded(5_000, 0.5)).isEqualTo(10);
        assertThat(Mitigation.writeShardsNeeded(0, 0.7)).isEqualTo(1);
        assertThat(Mitigation.writeShardsNeeded(999, 1.0)).isEqualTo(1);
    }

    @Test
    void shouldRejectImpossibleInputs() {
        assertThatThrownBy(() -> Mitigation.writeShardsNeeded(100, 0))
                .hasMessage("targetUtilization must be in (0, 1], was 0.0");
        assertThatThrownBy(() -> Mitigation.writeShardsNeeded(100, 1.5)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> Mitigation.writeShardsNeeded(Double.NaN, 0.5)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Mitigation.writeShardsNeeded(-1, 0.5)).hasMessageContaining("-1.0");
    }

    @Property
    void shouldGiveFewestShardsThatKeepEachUnderTarget(
            @ForAll @DoubleRange(min = 0, max = 1_000_000) double peak,
            @ForAll @DoubleRange(min = 0.05, max = 1) double utilization) {
        int shards = Mitigation.writeShardsNeeded(peak, utilization);
        double perShardLimit = Mitigation.PARTITION_WCU_LIMIT * utilization;
        assertThat(peak / shards).isLessThanOrEqualTo(perShardLimit * (1 + 1e-9));
        if (shards > 1) {
            assertThat(peak / (shards - 1)).isGreaterThan(perShardLimit);
        }
    }
}
