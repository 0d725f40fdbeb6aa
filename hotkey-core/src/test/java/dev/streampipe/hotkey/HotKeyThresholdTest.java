package dev.streampipe.hotkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Threshold precedence, as resolved by {@link Thresholds} and applied by the engine. */
class HotKeyThresholdTest {

    private static final Thresholds RULES = Thresholds.withDefault(Threshold.ofWcu(1_000))
            .with(ThresholdScope.table("chat"), Threshold.ofWcu(500))
            .with(ThresholdScope.prefix("SESSION#"), Threshold.ofWcu(200))
            .with(ThresholdScope.prefix("SESSION#VIP#"), Threshold.ofWcu(150))
            .with(ThresholdScope.tableAndPrefix("chat", "SESSION#"), Threshold.ofWcu(100));

    @Test
    void shouldPickMostSpecificRuleWhenSeveralCoverAKey() {
        // GIVEN the rules above, WHEN keys of each kind resolve, THEN the most specific rule wins
        assertThat(RULES.resolve("chat", "SESSION#1")).isEqualTo(Threshold.ofWcu(100));     // table+prefix
        assertThat(RULES.resolve("chat", "SESSION#VIP#1")).isEqualTo(Threshold.ofWcu(100)); // table+prefix beats longer prefix
        assertThat(RULES.resolve("other", "SESSION#VIP#1")).isEqualTo(Threshold.ofWcu(150)); // longest prefix
        assertThat(RULES.resolve("other", "SESSION#1")).isEqualTo(Threshold.ofWcu(200));    // prefix
        assertThat(RULES.resolve("chat", "TENANT#1")).isEqualTo(Threshold.ofWcu(500));      // table
        assertThat(RULES.resolve("other", "TENANT#1")).isEqualTo(Threshold.ofWcu(1_000));   // default
    }

    @Test
    void shouldFallBackToNextRuleWhenOverrideIsRemoved() {
        // GIVEN / WHEN the table+prefix rule is removed
        Thresholds fewer = RULES.without(ThresholdScope.tableAndPrefix("chat", "SESSION#"));

        // THEN the prefix rule applies
        assertThat(fewer.resolve("chat", "SESSION#1")).isEqualTo(Threshold.ofWcu(200));
        assertThatThrownBy(() -> fewer.without(ThresholdScope.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default");
    }

    @Test
    void shouldApplyMostSpecificThresholdWhenEngineEvaluates() {
        // GIVEN an engine with the rules above
        Simulation sim = new Simulation(HotKeyConfig.builder().defaultThreshold(Threshold.ofWcu(1_000)).build());
        RULES.overrides().forEach(sim.engine::overrideThreshold);

        // WHEN three keys of table chat each write 300 WCU/s
        for (int i = 0; i < 3; i++) {
            sim.second(Map.of("SESSION#1", 300, "TENANT#1", 300, "ORDER#1", 300), 1_000);
        }

        // THEN only the session key (limit 100) is hot; table chat's 500 spares the others
        assertThat(sim.transitions).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo("SESSION#1");
            assertThat(t.threshold()).isEqualTo(Threshold.ofWcu(100));
        });
        assertThat(sim.engine.topKeys(Simulation.TABLE, 3)).extracting(KeyRate::threshold)
                .containsOnly(Threshold.ofWcu(100), Threshold.ofWcu(500));
    }

    @Test
    void shouldApplyNewOverrideToAlreadyTrackedKeys() {
        // GIVEN a key tracked at 300 WCU/s under a 1,000 WCU/s default
        Simulation sim = new Simulation(HotKeyConfig.builder().defaultThreshold(Threshold.ofWcu(1_000)).build());
        sim.steady("TENANT#9", 300, 2);
        assertThat(sim.transitions).isEmpty();

        // WHEN its table's threshold is lowered
        sim.engine.overrideThreshold(ThresholdScope.table(Simulation.TABLE), Threshold.ofWcu(250));
        sim.steady("TENANT#9", 300, 1);

        // THEN it alerts against the new threshold, and the admission floor follows the lowest limit
        assertThat(sim.transitions).singleElement()
                .satisfies(t -> assertThat(t.threshold()).isEqualTo(Threshold.ofWcu(250)));
        assertThat(sim.engine.admissionFloor()).isEqualTo(25);
    }

    @Test
    void shouldRejectInvalidThresholdsAndScopes() {
        assertThatThrownBy(() -> Threshold.ofWcu(0)).hasMessage("wcuPerSecond must be > 0 (or Threshold.UNLIMITED), was 0.0");
        assertThatThrownBy(() -> Threshold.ofWrites(Double.NaN)).hasMessageContaining("writesPerSecond");
        assertThatThrownBy(() -> ThresholdScope.table(" ")).hasMessageContaining("table must not be blank");
        assertThatThrownBy(() -> ThresholdScope.prefix("")).hasMessageContaining("prefix must not be empty");
        assertThatThrownBy(() -> ThresholdScope.prefix(null)).hasMessage("prefix must not be null");
    }
}
