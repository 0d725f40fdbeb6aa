package dev.streampipe.hotkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alert latency, hysteresis and cooldown of the engine under a fake clock. */
class HotKeyAlertingTest {

    private static final String KEY = "SESSION#42";

    private static HotKeyConfig.Builder config() {
        return HotKeyConfig.builder()
                .defaultThreshold(Threshold.ofWcu(100))
                .windowSeconds(10)
                .recoveryFraction(0.8)
                .recoveryHold(Duration.ofSeconds(5))
                .cooldown(Duration.ofSeconds(30));
    }

    @Test
    void shouldAlertWithinThreeSecondsWhenKeyTurnsHot() {
        // GIVEN a key that is quiet for a while, then writes 120 WCU/s against a 100 WCU/s threshold
        Simulation sim = new Simulation(config().build());
        sim.steady(KEY, 20, 15);
        long hotFrom = sim.elapsedSeconds();

        // WHEN it runs hot for a few seconds
        sim.steady(KEY, 120, 5);

        // THEN exactly one HOT alert comes, at most 3 s after the first hot write
        assertThat(sim.transitions).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(KeyState.OK);
            assertThat(t.to()).isEqualTo(KeyState.HOT);
            assertThat(t.wcuPerSecond()).isEqualTo(120.0);
            assertThat(t.threshold()).isEqualTo(Threshold.ofWcu(100));
            assertThat(Simulation.secondsSinceStart(t) - hotFrom).isBetween(1L, 3L);
        });
    }

    @Test
    void shouldAlertWithinThreeSecondsWhenUnseenKeyStartsJustAboveThreshold() {
        // GIVEN a key never seen before, admitted partway through its first second
        Simulation sim = new Simulation(config().build());

        // WHEN it writes 101 WCU/s, just above the threshold
        sim.steady(KEY, 101, 4);

        // THEN it alerts within 3 s although its admission second was undercounted
        assertThat(sim.transitions).singleElement()
                .satisfies(t -> assertThat(Simulation.secondsSinceStart(t)).isLessThanOrEqualTo(3));
    }

    @Test
    void shouldNotAlertWhenKeyStaysBelowThreshold() {
        // GIVEN / WHEN a key writes 99 WCU/s for a minute
        Simulation sim = new Simulation(config().build());
        sim.steady(KEY, 99, 60);

        // THEN no transition, and the key is tracked at its exact rate
        assertThat(sim.transitions).isEmpty();
        assertThat(sim.engine.rateOf(Simulation.TABLE, KEY)).hasValueSatisfying(rate -> {
            assertThat(rate.wcuPerSecond()).isEqualTo(99.0);
            assertThat(rate.state()).isEqualTo(KeyState.OK);
        });
    }

    @Test
    void shouldNotFlapWhenRateHoversAroundThreshold() {
        // GIVEN a key alternating 105 and 95 WCU/s around a 100 WCU/s threshold
        Simulation sim = new Simulation(config().rateMode(RateMode.LAST_SECOND).build());

        // WHEN that goes on for two minutes
        for (int i = 0; i < 60; i++) {
            sim.steady(KEY, 105, 1);
            sim.steady(KEY, 95, 1);
        }

        // THEN it alerted once and never recovered: 95 is above 80% of the threshold
        assertThat(sim.transitions).extracting(AlertTransition::to).containsExactly(KeyState.HOT);
    }

    @Test
    void shouldRecoverOnlyAfterStayingBelowRecoveryFractionForTheHold() {
        // GIVEN a HOT key (last-second rates, so the timing is exact)
        Simulation sim = new Simulation(config().rateMode(RateMode.LAST_SECOND).build());
        sim.steady(KEY, 150, 3);
        sim.steady(KEY, 85, 20);
        assertThat(sim.transitions).extracting(AlertTransition::to).containsExactly(KeyState.HOT);
        long coolFrom = sim.elapsedSeconds();

        // WHEN it drops to 50 WCU/s, below 80% of the threshold
        sim.steady(KEY, 50, 10);

        // THEN it recovers once it has been below for the 5 s hold, not earlier
        assertThat(sim.transitions).hasSize(2).last().satisfies(t -> {
            assertThat(t.from()).isEqualTo(KeyState.HOT);
            assertThat(t.to()).isEqualTo(KeyState.RECOVERED);
            assertThat(t.wcuPerSecond()).isEqualTo(50.0);
            // first evaluation below: coolFrom + 1; recovered hold (5 s) later
            assertThat(Simulation.secondsSinceStart(t)).isEqualTo(coolFrom + 1 + 5);
        });
    }

    @Test
    void shouldRestartTheHoldWhenRateBouncesBackAboveRecoveryFraction() {
        // GIVEN a HOT key that cools for 3 s, shorter than the 5 s hold
        Simulation sim = new Simulation(config().rateMode(RateMode.LAST_SECOND).build());
        sim.steady(KEY, 150, 3);
        sim.steady(KEY, 50, 3);

        // WHEN it bounces back to 90 (above 80%) and then cools again for 4 s
        sim.steady(KEY, 90, 1);
        sim.steady(KEY, 50, 4);

        // THEN it is still HOT: the hold restarted
        assertThat(sim.transitions).extracting(AlertTransition::to).containsExactly(KeyState.HOT);
        assertThat(sim.engine.rateOf(Simulation.TABLE, KEY).orElseThrow().state()).isEqualTo(KeyState.HOT);
    }

    @Test
    void shouldNotRealertWithinCooldownWhenKeyHeatsUpRightAfterRecovering() {
        // GIVEN a key that went HOT and RECOVERED
        Simulation sim = new Simulation(config().rateMode(RateMode.LAST_SECOND).build());
        sim.steady(KEY, 150, 3);
        sim.steady(KEY, 0, 10);
        AlertTransition recovered = sim.transitions.get(1);
        assertThat(recovered.to()).isEqualTo(KeyState.RECOVERED);

        // WHEN it is hot again for longer than the 30 s cooldown
        sim.steady(KEY, 150, 40);

        // THEN the next alert comes only when the cooldown ends, straight from RECOVERED
        assertThat(sim.transitions).hasSize(3).last().satisfies(t -> {
            assertThat(t.from()).isEqualTo(KeyState.RECOVERED);
            assertThat(t.to()).isEqualTo(KeyState.HOT);
            assertThat(Duration.between(recovered.at(), t.at())).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void shouldReturnToOkAfterCooldownWhenKeyStaysQuiet() {
        // GIVEN a key that went HOT and RECOVERED
        Simulation sim = new Simulation(config().rateMode(RateMode.LAST_SECOND).build());
        sim.steady(KEY, 150, 3);
        sim.steady(KEY, 10, 40);

        // THEN the full cycle is OK → HOT → RECOVERED → OK, the last step a cooldown after recovery
        List<AlertTransition> t = sim.transitions;
        assertThat(t).extracting(AlertTransition::to)
                .containsExactly(KeyState.HOT, KeyState.RECOVERED, KeyState.OK);
        assertThat(Duration.between(t.get(1).at(), t.get(2).at())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldKeepHotUntilWindowAverageCoolsInDefaultMode() {
        // GIVEN the default mode (max of last second and window average) and a key hot for 10 s at 300 WCU/s
        Simulation sim = new Simulation(config().build());
        sim.steady(KEY, 300, 10);
        long stopped = sim.elapsedSeconds();

        // WHEN it stops writing
        sim.steady(KEY, 0, 20);

        // THEN it recovers only after the window average fell below 80 (the 3000 WCU written
        // must leave enough of the 10 s window) and then the 5 s hold
        AlertTransition recovered = sim.transitions.get(1);
        assertThat(recovered.to()).isEqualTo(KeyState.RECOVERED);
        // average < 80 needs at most 2 of the 10 window seconds hot: from stopped + 8; hold → + 13
        assertThat(Simulation.secondsSinceStart(recovered)).isEqualTo(stopped + 8 + 5);
    }

    @Test
    void shouldAlertOnWritesPerSecondWhenItemsAreTiny() {
        // GIVEN a threshold of 50 writes/s and a WCU limit far away
        Simulation sim = new Simulation(config().defaultThreshold(Threshold.of(10_000, 50)).build());

        // WHEN a key writes 60 tiny items per second
        for (int i = 0; i < 3; i++) {
            sim.second(Map.of(KEY, 60), 10);
        }

        // THEN it is HOT on writes/s in its first second, whose count misses less than the admission floor
        int floor = sim.engine.admissionFloor();
        assertThat(floor).isEqualTo(5);
        assertThat(sim.transitions).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(KeyState.HOT);
            assertThat(Simulation.secondsSinceStart(t)).isEqualTo(1);
            assertThat(t.writesPerSecond()).isBetween(60.0 - floor, 60.0);
        });
        assertThat(sim.engine.rateOf(Simulation.TABLE, KEY).orElseThrow().writesPerSecond()).isEqualTo(60.0);
    }

    @Test
    void shouldChargeOneWcuPerStartedKilobyte() {
        // GIVEN items of 2,500 bytes (3 WCU each)
        Simulation sim = new Simulation(config().rateMode(RateMode.LAST_SECOND).build());

        // WHEN a key writes 10 of them per second
        for (int i = 0; i < 3; i++) {
            sim.second(Map.of(KEY, 10), 2_500);
        }

        // THEN it runs at 30 WCU/s and 10 writes/s
        KeyRate rate = sim.engine.rateOf(Simulation.TABLE, KEY).orElseThrow();
        assertThat(rate.wcuPerSecond()).isEqualTo(30.0);
        assertThat(rate.writesPerSecond()).isEqualTo(10.0);
    }
}
