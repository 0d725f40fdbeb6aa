package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.alert.KeyAlert;
import dev.streampipe.testing.ddb.SessionTable;
import dev.streampipe.testing.moto.MotoExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end on moto through KCL and the adapter: one key written far above its threshold among many
 * cold keys is alerted, and only it. Rates fit moto (~225 PutItem/s from one client, docs/design.md §7): the
 * two writers together ask for 120 writes/s.
 */
class HotKeyDetectionIT {

    @RegisterExtension
    static final MotoExtension MOTO = new MotoExtension();

    private static final int COLD_KEYS = 200;
    private static final double THRESHOLD_WCU = 30;

    @Test
    void shouldAlertExactlyTheHotKeyWhenOneKeyIsWrittenFarAboveItsThresholdAmongColdKeys() throws Exception {
        // GIVEN a running monitor (threshold 30 WCU/s) on a fresh table, already consuming
        SessionTable table = MOTO.createSessionTable();
        TableWriter writer = new TableWriter(MOTO.client(), table.name());
        RecordingAlertSink sink = new RecordingAlertSink();
        MonitorConfig config = MonitorConfig.builder(table.streamArn())
                .applicationName("hk-" + table.name())
                .workerId("worker-hot")
                .initialPosition(MonitorConfig.InitialPosition.TRIM_HORIZON)
                .idleTimeBetweenReads(Duration.ofMillis(50))
                .failoverTime(Duration.ofSeconds(2))
                .checkpointInterval(Duration.ofSeconds(1))
                .kclMetricsLevel(MonitorConfig.KclMetricsLevel.NONE)
                .hotKey(HotKeyConfig.builder().defaultThreshold(Threshold.ofWcu(THRESHOLD_WCU)).windowSeconds(5).build())
                .build();
        try (MonitorClients clients = MonitorClients.local(MOTO.server().endpoint())) {
            long t0 = System.nanoTime();
            HotKeyMonitor monitor = HotKeyMonitor.start(config, clients, Clock.systemUTC(), sink);
            try {
                writer.putTurn("warmup", 1);
                Await.until("the first record", Duration.ofSeconds(20), () -> monitor.recordsProcessed() >= 1);
                System.out.printf("start -> first record: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

                // WHEN the hot key gets ~80 writes/s (1 WCU each) for 4 s while 200 cold keys share ~40 writes/s
                AtomicReference<Instant> firstHotWrite = new AtomicReference<>();
                ExecutorService writers = Executors.newFixedThreadPool(2);
                Duration burst = Duration.ofSeconds(4);
                Future<Long> hot = writers.submit(() -> Pacer.run(80, burst, n -> {
                    if (n == 0) {
                        firstHotWrite.set(Instant.now());
                    }
                    writer.putTurn("hot", n);
                }));
                Future<Long> cold = writers.submit(() -> Pacer.run(40, burst,
                        n -> writer.putTurn("cold-" + (n % COLD_KEYS), n / COLD_KEYS)));
                Await.until("a HOT alert", Duration.ofSeconds(15),
                        () -> sink.alerts().stream().anyMatch(a -> a.state() == KeyState.HOT));
                Instant alerted = Instant.now();
                long hotWrites = hot.get();
                long coldWrites = cold.get();
                writers.shutdown();
                long total = 1 + hotWrites + coldWrites;
                Await.until("every record", Duration.ofSeconds(15), () -> monitor.recordsProcessed() >= total);

                // THEN exactly the hot key was alerted, within the latency goal, with its mitigation
                KeyAlert alert = sink.alerts().get(0);
                Duration latency = Duration.between(firstHotWrite.get(), alert.transition().at());
                System.out.printf("hot writes=%d cold writes=%d; first hot write -> HOT alert: %d ms "
                                + "(observed %.1f WCU/s, shards needed %d); alert seen by the test after %d ms%n",
                        hotWrites, coldWrites, latency.toMillis(), alert.transition().wcuPerSecond(),
                        alert.writeShardsNeeded(), Duration.between(firstHotWrite.get(), alerted).toMillis());
                List<KeyAlert> hotAlerts = sink.alerts().stream().filter(a -> a.state() == KeyState.HOT).toList();
                assertThat(hotAlerts).extracting(KeyAlert::key).containsExactly("SESSION#hot");
                assertThat(sink.alerts()).extracting(KeyAlert::key).containsOnly("SESSION#hot");
                assertThat(latency).isLessThanOrEqualTo(Duration.ofSeconds(3));
                assertThat(alert.topKeys().get(0).key()).isEqualTo("SESSION#hot");
                assertThat(alert.transition().wcuPerSecond()).isGreaterThan(THRESHOLD_WCU);
                assertThat(monitor.stats().recordsSkipped()).isZero();
                assertThat(monitor.engine().rateOf(table.name(), "SESSION#cold-1")).isEmpty();
            } finally {
                assertThat(monitor.stop(Duration.ofSeconds(20))).isTrue();
            }
        }
    }
}
