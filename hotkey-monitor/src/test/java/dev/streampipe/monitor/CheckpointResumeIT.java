package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.monitor.stream.WriteListener;
import dev.streampipe.testing.moto.MotoExtension;
import dev.streampipe.testing.ddb.SessionTable;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end on moto through KCL: a worker halted mid-stream without a final checkpoint (as in a
 * crash) and a new worker of the same application resume from the last periodic checkpoint. The load
 * (1,200 writes at 120/s) stays well under what moto takes from one client (~225 PutItem/s).
 */
class CheckpointResumeIT {

    @RegisterExtension
    static final MotoExtension MOTO = new MotoExtension();

    private static final int WRITES_PER_SECOND = 120;
    private static final int WRITES = 1_200;
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

    @Test
    void shouldReadEveryRecordAndRepeatAtMostOneCheckpointIntervalWhenAWorkerIsHaltedAndAnotherResumes()
            throws Exception {
        // GIVEN worker A consuming a table's stream while a writer puts 1,200 distinct items at 120/s
        SessionTable table = MOTO.createSessionTable();
        TableWriter writer = new TableWriter(MOTO.client(), table.name());
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        AtomicLong deliveries = new AtomicLong();
        WriteListener listener = (shardId, write) -> {
            if (write.partitionKey().startsWith("SESSION#load-")) {
                seen.computeIfAbsent(write.eventId(), id -> new AtomicInteger()).incrementAndGet();
                deliveries.incrementAndGet();
            }
        };
        MonitorConfig.Builder config = MonitorConfig.builder(table.streamArn())
                .applicationName("resume-" + table.name())
                .initialPosition(MonitorConfig.InitialPosition.TRIM_HORIZON)
                .idleTimeBetweenReads(Duration.ofMillis(50))
                .failoverTime(Duration.ofSeconds(2))
                .checkpointInterval(CHECKPOINT_INTERVAL)
                .kclMetricsLevel(MonitorConfig.KclMetricsLevel.NONE);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (MonitorClients clients = MonitorClients.local(MOTO.server().endpoint())) {
            HotKeyMonitor workerA = HotKeyMonitor.start(config.workerId("worker-a").build(), clients,
                    Clock.systemUTC(), new RecordingAlertSink(), listener);
            writer.putTurn("warmup", 1);
            Await.until("worker A's first record", Duration.ofSeconds(20), () -> workerA.recordsProcessed() >= 1);
            long t0 = System.nanoTime();
            Future<Long> load = pool.submit(() -> Pacer.run(WRITES_PER_SECOND, Duration.ofSeconds(30), WRITES,
                    n -> writer.putTurn("load-" + (n % 100), n)));

            // WHEN A is halted mid-stream, without a final checkpoint, and worker B starts
            Await.until("A reading mid-stream", Duration.ofSeconds(20), () -> deliveries.get() >= 500);
            long beforeHalt = deliveries.get();
            workerA.halt();
            long byA = deliveries.get();
            long readByAWhileHalting = byA - beforeHalt;
            HotKeyMonitor workerB = HotKeyMonitor.start(config.workerId("worker-b").build(), clients,
                    Clock.systemUTC(), new RecordingAlertSink(), listener);
            try {
                assertThat(load.get()).isEqualTo(WRITES);
                double writeSeconds = (System.nanoTime() - t0) / 1e9;
                Await.until("every record", Duration.ofSeconds(30), () -> seen.size() >= WRITES);

                // THEN every record was read at least once; the repeats are exactly what A read after its
                // last checkpoint: at most one interval (plus a batch) before the halt, plus what it read while halting
                long repeated = deliveries.get() - WRITES;
                long bound = (long) Math.ceil(WRITES_PER_SECOND * (CHECKPOINT_INTERVAL.toMillis() + 500) / 1000.0);
                System.out.printf("writes=%d in %.1f s; A read %d (%d of them while halting), checkpointed %d times; "
                                + "read twice after resume=%d = A's records after its last checkpoint=%d; "
                                + "repeats beyond those read while halting=%d (bound %d = %d writes/s x (checkpoint interval %d ms + 500 ms))%n",
                        WRITES, writeSeconds, byA, readByAWhileHalting, workerA.stats().checkpoints(), repeated,
                        workerA.stats().recordsLeftUncheckpointed(), repeated - readByAWhileHalting, bound,
                        WRITES_PER_SECOND, CHECKPOINT_INTERVAL.toMillis());
                assertThat(seen).hasSize(WRITES);
                assertThat(seen.values()).allMatch(count -> count.get() >= 1 && count.get() <= 2);
                assertThat(workerA.stats().checkpoints()).isPositive();
                assertThat(repeated).isEqualTo(workerA.stats().recordsLeftUncheckpointed());
                assertThat(repeated).isLessThanOrEqualTo(bound + readByAWhileHalting);
            } finally {
                pool.shutdownNow();
                assertThat(workerB.stop(Duration.ofSeconds(20))).isTrue();
            }
        }
    }
}
