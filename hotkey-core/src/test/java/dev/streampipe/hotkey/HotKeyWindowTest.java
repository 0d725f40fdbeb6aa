package dev.streampipe.hotkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sliding-window rates per key and shard, idle clean-up and late writes, under a fake clock. */
class HotKeyWindowTest {

    private static final String TABLE = Simulation.TABLE;

    private static HotKeyConfig config(RateMode mode) {
        return HotKeyConfig.builder()
                .defaultThreshold(Threshold.ofWcu(1_000))
                .windowSeconds(10)
                .rateMode(mode)
                .admissionFraction(0.001)
                .build();
    }

    @Test
    void shouldSlideWindowAverageWhenTimePasses() {
        // GIVEN a burst of 100 WCU within one second, then silence
        Simulation sim = new Simulation(config(RateMode.WINDOW_AVERAGE));
        sim.second(Map.of("SESSION#1", 100), 1_000);
        Instant burstEnd = sim.clock.instant();

        // WHEN time passes, THEN the average spreads over the seconds tracked, then leaves the 10 s window
        assertThat(averageAt(sim, burstEnd)).isEqualTo(100.0);
        assertThat(averageAt(sim, burstEnd.plusSeconds(4))).isEqualTo(20.0);
        assertThat(averageAt(sim, burstEnd.plusSeconds(9))).isEqualTo(10.0);
        assertThat(averageAt(sim, burstEnd.plusSeconds(10))).isEqualTo(0.0);
    }

    private static double averageAt(Simulation sim, Instant at) {
        sim.clock.set(at);
        return sim.engine.rateOf(TABLE, "SESSION#1").orElseThrow().wcuPerSecond();
    }

    @Test
    void shouldReportLastSecondIncludingThePartialCurrentSecond() {
        // GIVEN last-second rates and a key that wrote 30 in the last full second
        Simulation sim = new Simulation(config(RateMode.LAST_SECOND));
        sim.second(Map.of("SESSION#1", 30), 1_000);

        // WHEN it writes 45 more within the first half of the current second
        Instant now = sim.clock.instant();
        for (int i = 0; i < 45; i++) {
            sim.engine.record(TABLE, "SESSION#1", Simulation.SHARD, 1_000, now.plusMillis(i * 10L));
        }
        sim.clock.advance(Duration.ofMillis(500));

        // THEN the rate is already the partial second's 45
        assertThat(sim.engine.rateOf(TABLE, "SESSION#1").orElseThrow().wcuPerSecond()).isEqualTo(45.0);
    }

    @Test
    void shouldRateShardsExactlyAndRankThem() {
        // GIVEN two shards of different load over several seconds
        Simulation sim = new Simulation(config(RateMode.MAX_OF_LAST_SECOND_AND_AVERAGE));
        for (int second = 0; second < 5; second++) {
            Instant start = sim.clock.instant();
            for (int i = 0; i < 200; i++) {
                sim.engine.record(TABLE, "SESSION#" + i, "shard-busy", 3_000, start.plusMillis(i));
            }
            for (int i = 0; i < 20; i++) {
                sim.engine.record(TABLE, "SESSION#x" + i, "shard-calm", 500, start.plusMillis(i));
            }
            sim.clock.advance(Duration.ofSeconds(1));
        }

        // WHEN the top shards are asked for
        List<ShardRate> top = sim.engine.topShards(TABLE, 5);

        // THEN both are listed, busiest first, with exact rates
        assertThat(top).containsExactly(
                new ShardRate(TABLE, "shard-busy", 600.0, 200.0),
                new ShardRate(TABLE, "shard-calm", 20.0, 20.0));
        assertThat(sim.engine.topShards(TABLE, 1)).hasSize(1);
    }

    @Test
    void shouldForgetKeysAndShardsIdleForAWindowWhenEvaluated() {
        // GIVEN a key and shard that wrote once
        Simulation sim = new Simulation(config(RateMode.MAX_OF_LAST_SECOND_AND_AVERAGE));
        sim.second(Map.of("SESSION#1", 5), 1_000);
        assertThat(sim.engine.trackedKeyCount(TABLE)).isEqualTo(1);

        // WHEN a whole window passes without writes and the engine evaluates
        sim.clock.advance(Duration.ofSeconds(10));
        sim.engine.evaluate();

        // THEN neither is tracked any more
        assertThat(sim.engine.trackedKeyCount(TABLE)).isZero();
        assertThat(sim.engine.rateOf(TABLE, "SESSION#1")).isEmpty();
        assertThat(sim.engine.topShards(TABLE, 10)).isEmpty();
    }

    @Test
    void shouldCountShardWritesAgainWhenAnIdleShardComesBack() {
        // GIVEN a shard retired after a quiet window
        Simulation sim = new Simulation(config(RateMode.LAST_SECOND));
        sim.second(Map.of("SESSION#1", 5), 1_000);
        sim.clock.advance(Duration.ofSeconds(20));
        sim.engine.evaluate();

        // WHEN it writes again
        sim.second(Map.of("SESSION#1", 7), 1_000);

        // THEN it is counted afresh
        assertThat(sim.engine.topShards(TABLE, 1)).containsExactly(new ShardRate(TABLE, Simulation.SHARD, 7.0, 7.0));
    }

    @Test
    void shouldDropAndCountWritesOlderThanTheWindow() {
        // GIVEN a shard whose newest write is now
        Simulation sim = new Simulation(config(RateMode.LAST_SECOND));
        Instant now = sim.clock.instant();
        sim.engine.record(TABLE, "SESSION#1", Simulation.SHARD, 100, now);

        // WHEN a write from 30 s ago and one from 3 s ago arrive
        sim.engine.record(TABLE, "SESSION#1", Simulation.SHARD, 100, now.minusSeconds(30));
        sim.engine.record(TABLE, "SESSION#1", Simulation.SHARD, 100, now.minusSeconds(3));

        // THEN only the first is dropped; the second lands in its own second
        assertThat(sim.engine.droppedLateWrites(TABLE)).isEqualTo(1);
        sim.clock.set(now.minusSeconds(2));
        assertThat(sim.engine.rateOf(TABLE, "SESSION#1").orElseThrow().wcuPerSecond()).isEqualTo(1.0);
    }

    @Test
    void shouldForgetEverythingButThresholdsWhenCleared() {
        // GIVEN a tracked key and an override
        Simulation sim = new Simulation(config(RateMode.LAST_SECOND));
        sim.engine.overrideThreshold(ThresholdScope.prefix("SESSION#"), Threshold.ofWcu(5));
        sim.second(Map.of("SESSION#1", 10), 1_000);
        assertThat(sim.transitions).hasSize(1);

        // WHEN cleared
        sim.engine.clear();

        // THEN no table, key or state remains, and the override still applies
        assertThat(sim.engine.tables()).isEmpty();
        assertThat(sim.engine.topKeys(TABLE, 10)).isEmpty();
        sim.second(Map.of("SESSION#1", 10), 1_000);
        assertThat(sim.transitions).hasSize(2).allMatch(t -> t.to() == KeyState.HOT && t.from() == KeyState.OK);
    }

    @Test
    void shouldCountEveryWriteWhenThreadsRecordConcurrently() throws InterruptedException {
        // GIVEN one engine shared by two shard processors
        ManualClock clock = new ManualClock(Simulation.START);
        HotKeyEngine engine = HotKeyEngine.create(config(RateMode.LAST_SECOND), clock);
        Instant at = Simulation.START;
        int writesPerThread = 200_000;
        Runnable shardA = () -> recordMany(engine, "shard-a", at, writesPerThread);
        Runnable shardB = () -> recordMany(engine, "shard-b", at, writesPerThread);

        // WHEN both record the same hot key at once
        Thread a = new Thread(shardA);
        Thread b = new Thread(shardB);
        a.start();
        b.start();
        a.join();
        b.join();

        // THEN not one write is lost (each thread wrote the hot key and a cold key per step)
        assertThat(engine.rateOf(TABLE, "HOT").orElseThrow().writesPerSecond()).isEqualTo(2.0 * writesPerThread);
        assertThat(engine.topShards(TABLE, 2)).extracting(ShardRate::writesPerSecond)
                .containsExactly(2.0 * writesPerThread, 2.0 * writesPerThread);
    }

    private static void recordMany(HotKeyEngine engine, String shard, Instant at, int writes) {
        for (int i = 0; i < writes; i++) {
            engine.record(TABLE, "HOT", shard, 100, at);
            engine.record(TABLE, shard + "#" + (i & 1023), shard, 100, at);
        }
    }
}
