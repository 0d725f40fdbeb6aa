package dev.streampipe.hotkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bounded memory and accuracy when very many distinct keys pass. */
class HotKeyScaleTest {

    private static final String TABLE = "chat";
    private static final String HOT = "SESSION#hot";

    @Test
    void shouldStayWithinCapAndMeasureHeavyKeyExactlyWhenMillionDistinctKeysPass() {
        // GIVEN default settings (800 WCU/s threshold, admission floor 80 WCU in a second)
        ManualClock clock = new ManualClock(Simulation.START);
        HotKeyEngine engine = HotKeyEngine.create(HotKeyConfig.defaults(), clock);
        List<AlertTransition> transitions = new ArrayList<>();
        int maxTracked = 0;

        // WHEN 1,000,000 distinct cold keys (1 write each, 100,000 per second) pass over 10 s,
        // interleaved with a heavy key writing 1,000 WCU/s
        for (int second = 0; second < 10; second++) {
            Instant start = clock.instant();
            for (int i = 0; i < 100_000; i++) {
                Instant at = start.plusNanos(i * 10_000L);
                engine.record(TABLE, "SESSION#" + (second * 100_000 + i), "shard-" + (i & 3), 1_000, at);
                if (i % 100 == 0) {
                    engine.record(TABLE, HOT, "shard-0", 1_000, at);
                }
            }
            clock.advance(Duration.ofSeconds(1));
            transitions.addAll(engine.evaluate());
            maxTracked = Math.max(maxTracked, engine.trackedKeyCount(TABLE));
        }

        // THEN the candidate table never exceeded its cap, cold keys were not even nominated
        // (Count-Min noise: ε·N = e/4096 × 12,500 WCU per stripe-second ≈ 8 ≪ 80), and the heavy
        // key alerted once with its exact rate
        assertThat(maxTracked).isLessThanOrEqualTo(HotKeyConfig.defaults().maxTrackedKeysPerTable()).isEqualTo(1);
        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.key()).isEqualTo(HOT);
            assertThat(t.to()).isEqualTo(KeyState.HOT);
            assertThat(Simulation.secondsSinceStart(t)).isEqualTo(1);
        });
        assertThat(engine.topKeys(TABLE, 3)).singleElement().satisfies(rate -> {
            assertThat(rate.key()).isEqualTo(HOT);
            assertThat(rate.wcuPerSecond()).isEqualTo(1_000.0);
            assertThat(rate.writesPerSecond()).isEqualTo(1_000.0);
        });
        assertThat(engine.topShards(TABLE, 1)).singleElement()
                .satisfies(shard -> assertThat(shard.wcuPerSecond()).isEqualTo(26_000.0));
    }

    @Test
    void shouldNeverTrackMoreThanCapWhenEveryKeyQualifies() {
        // GIVEN an admission floor of 1 WCU (every key qualifies) and a cap of 64 keys
        ManualClock clock = new ManualClock(Simulation.START);
        HotKeyConfig config = HotKeyConfig.builder()
                .defaultThreshold(Threshold.ofWcu(800))
                .admissionFraction(0.001)
                .maxTrackedKeysPerTable(64)
                .build();
        HotKeyEngine engine = HotKeyEngine.create(config, clock);
        int maxTracked = 0;

        // WHEN 1,000,000 distinct keys pass over 10 s next to a heavy key at 900 WCU/s
        for (int second = 0; second < 10; second++) {
            Instant start = clock.instant();
            for (int i = 0; i < 100_000; i++) {
                Instant at = start.plusNanos(i * 10_000L);
                engine.record(TABLE, "SESSION#" + (second * 100_000 + i), "shard-0", 10, at);
                if (i % 1_000 < 9) {
                    engine.record(TABLE, HOT, "shard-0", 1_000, at);
                }
                if ((i & 0xFFF) == 0) {
                    maxTracked = Math.max(maxTracked, engine.trackedKeyCount(TABLE));
                }
            }
            clock.advance(Duration.ofSeconds(1));
            engine.evaluate();
        }

        // THEN the cap held throughout and the heavy key kept its slot with its exact rate
        assertThat(maxTracked).isLessThanOrEqualTo(64);
        KeyRate heavy = engine.topKeys(TABLE, 1).get(0);
        assertThat(heavy.key()).isEqualTo(HOT);
        assertThat(heavy.wcuPerSecond()).isEqualTo(900.0);
        assertThat(heavy.state()).isEqualTo(KeyState.HOT);
    }

    @Test
    void shouldDetectHeavyKeyAmongManyColdAndWarmKeysAndNoOther() {
        // GIVEN 200,000 cold keys drawn at random (50,000 writes/s), 20 warm keys at 500 WCU/s
        // and one heavy key at 900 WCU/s in 3 KB items, against an 800 WCU/s threshold
        ManualClock clock = new ManualClock(Simulation.START);
        HotKeyEngine engine = HotKeyEngine.create(HotKeyConfig.defaults(), clock);
        SplittableRandom random = new SplittableRandom(7);
        List<AlertTransition> transitions = new ArrayList<>();

        // WHEN 10 seconds pass
        for (int second = 0; second < 10; second++) {
            Instant start = clock.instant();
            for (int i = 0; i < 50_000; i++) {
                Instant at = start.plusNanos(i * 20_000L);
                engine.record(TABLE, "SESSION#" + random.nextInt(200_000), "shard-1", random.nextInt(4_000), at);
                if (i % 100 < 20) {
                    engine.record(TABLE, "TENANT#" + (i % 100), "shard-2", 1_024, at);
                }
                if (i % 500 < 3) {
                    engine.record(TABLE, HOT, "shard-3", 3_000, at);
                }
            }
            clock.advance(Duration.ofSeconds(1));
            transitions.addAll(engine.evaluate());
        }

        // THEN only the heavy key alerted, and the top keys are the heavy then the warm ones, exactly
        assertThat(transitions).extracting(AlertTransition::key).containsExactly(HOT);
        List<KeyRate> top = engine.topKeys(TABLE, 21);
        assertThat(top.get(0).key()).isEqualTo(HOT);
        assertThat(top.get(0).wcuPerSecond()).isEqualTo(900.0);
        assertThat(top.subList(1, 21)).allSatisfy(rate -> {
            assertThat(rate.key()).startsWith("TENANT#");
            assertThat(rate.wcuPerSecond()).isEqualTo(500.0);
            assertThat(rate.state()).isEqualTo(KeyState.OK);
        });
    }
}
