package dev.streampipe.hotkey.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.HotKeyEngine;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.RateMode;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLoopTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final HotKeyEngine engine = HotKeyEngine.create(HotKeyConfig.builder()
            .defaultThreshold(Threshold.ofWcu(100)).rateMode(RateMode.LAST_SECOND).windowSeconds(5)
            .recoveryHold(Duration.ZERO).cooldown(Duration.ofSeconds(30)).build(), clock);
    private final List<KeyAlert> alerts = new ArrayList<>();
    private final List<List<TableSnapshot>> snapshots = new ArrayList<>();
    private final AlertSink sink = new AlertSink() {
        @Override
        public void publishMetrics(List<TableSnapshot> s) {
            snapshots.add(s);
        }

        @Override
        public void publishAlert(KeyAlert alert) {
            alerts.add(alert);
        }
    };

    private void write(String key, int writes, int kilobytes) {
        for (int i = 0; i < writes; i++) {
            engine.record("sessions", key, "shard-1", kilobytes * 1024L, clock.instant());
        }
    }

    @Test
    void shouldPublishAHotAlertWithTopKeysAndSnapshotWhenAKeyExceedsItsThreshold() {
        // GIVEN a key at 250 WCU/s (threshold 100) and a cooler one at 20
        AlertLoop loop = new AlertLoop(engine, sink, clock, 5, 0.5);
        write("SESSION#hot", 125, 2);
        write("SESSION#warm", 20, 1);
        // WHEN the loop ticks
        loop.tick();
        // THEN one HOT alert: ~250 WCU/s (exact from admission on: less what came before the 10 WCU
        // admission floor) needs ceil(250 / 500) = 1 shard; the snapshot counts it
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("SESSION#hot");
            assertThat(a.state()).isEqualTo(KeyState.HOT);
            assertThat(a.transition().wcuPerSecond()).isBetween(240.0, 250.0);
            assertThat(a.writeShardsNeeded()).isEqualTo(1);
            assertThat(a.topKeys()).extracting(KeyReport::key).containsExactly("SESSION#hot", "SESSION#warm");
        });
        assertThat(snapshots).singleElement().satisfies(s -> assertThat(s).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo("sessions");
            assertThat(t.hotKeyCount()).isEqualTo(1);
            assertThat(t.maxKeyWcuPerSecond()).isEqualTo(a0().transition().wcuPerSecond());
            assertThat(t.maxShardWcuPerSecond()).isEqualTo(270);
        }));
        assertThat(loop.alertsPublished()).isEqualTo(1);
    }

    private KeyAlert a0() {
        return alerts.get(0);
    }

    @Test
    void shouldReportTheEpisodePeakWhenAKeyRecovers() {
        // GIVEN a key hot at 150, then at 1,200 WCU/s, then quiet
        AlertLoop loop = new AlertLoop(engine, sink, clock, 5, 0.8);
        write("SESSION#hot", 150, 1);
        loop.tick();
        clock.advance(Duration.ofSeconds(1));
        write("SESSION#hot", 1_200, 1);
        loop.tick();
        clock.advance(Duration.ofSeconds(3));
        // WHEN it recovers
        List<KeyAlert> recovered = loop.tick();
        // THEN the RECOVERED alert carries the 1,200 peak and ceil(1200 / 800) = 2 shards
        assertThat(recovered).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(KeyState.RECOVERED);
            assertThat(a.peakWcuPerSecond()).isEqualTo(1_200);
            assertThat(a.writeShardsNeeded()).isEqualTo(2);
        });
        assertThat(alerts).extracting(KeyAlert::state).containsExactly(KeyState.HOT, KeyState.RECOVERED);
    }

    @Test
    void shouldCountAndCarryOnWhenTheSinkFails() {
        // GIVEN a sink that fails every call
        AlertSink failing = new AlertSink() {
            @Override
            public void publishMetrics(List<TableSnapshot> s) {
                throw new IllegalStateException("CloudWatch down");
            }

            @Override
            public void publishAlert(KeyAlert alert) {
                throw new IllegalStateException("SNS down");
            }
        };
        AlertLoop loop = new AlertLoop(engine, failing, clock, 5, 0.8);
        write("SESSION#hot", 300, 1);
        // WHEN it ticks  THEN the alert is returned, both failures counted, nothing thrown
        assertThat(loop.tick()).hasSize(1);
        assertThat(loop.publishFailures()).isEqualTo(2);
        assertThat(loop.alertsPublished()).isZero();
    }

    @Test
    void shouldPublishEmptySnapshotsAndNoAlertWhenNothingWasWritten() {
        AlertLoop loop = new AlertLoop(engine, sink, clock, 5, 0.8);
        assertThat(loop.tick()).isEmpty();
        assertThat(snapshots).singleElement().satisfies(s -> assertThat(s).isEmpty());
    }
}
