package dev.streampipe.bench.hotkey;

import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.HotKeyEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Updates per second of the hot-key engine and of the naive exact detector on the same write
 * stream: {@code distinctKeys} cold keys (uniform or Zipf) plus one hot key taking 10% of the
 * writes. Each write hands over a freshly built key string (as the stream decoder does), so
 * both detectors pay for hashing it; the ~30 ns of building it is included in every figure. Simulated event time advances one second every {@code eventsPerSecond} writes (split
 * across threads), and thread 0 evaluates at each new second, as the monitor does — so the
 * naive detector pays its sweep over every key, which it needs to bound its memory at all.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar HotKeyBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s}.
 * {@code record} runs on one thread (= per core); {@code recordTwoThreads} shows contention of
 * two shard processors sharing one engine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HotKeyBenchmark {

    private static final int WINDOW_SECONDS = 10;
    private static final double THRESHOLD_WCU = 800;

    @Param({"engine", "naive"})
    public String detector;

    @Param({"uniform", "zipf"})
    public String distribution;

    @Param({"1000000"})
    public int distinctKeys;

    @Param({"100000"})
    public int eventsPerSecond;

    @Param({"true"})
    public boolean evaluateEverySecond;

    Workload workload;
    Detector target;

    /** The two detectors behind one call shape; each JMH fork sees only one, so calls stay monomorphic. */
    interface Detector {
        void record(String table, String key, String shard, long sizeBytes, Instant at);

        void evaluate(Instant now);
    }

    @Setup(Level.Trial)
    public void setUp() {
        workload = Workload.create(distribution, distinctKeys, 0.10, 22, 20_260_101L);
        if (detector.equals("engine")) {
            HotKeyEngine engine = HotKeyEngine.create(HotKeyConfig.defaults(), Clock.systemUTC());
            target = new Detector() {
                @Override
                public void record(String table, String key, String shard, long sizeBytes, Instant at) {
                    engine.record(table, key, shard, sizeBytes, at);
                }

                @Override
                public void evaluate(Instant now) {
                    engine.evaluate(now);
                }
            };
        } else if (detector.equals("naive")) {
            NaiveHotKeyDetector naive = new NaiveHotKeyDetector(WINDOW_SECONDS, THRESHOLD_WCU);
            target = new Detector() {
                @Override
                public void record(String table, String key, String shard, long sizeBytes, Instant at) {
                    naive.record(table, key, shard, sizeBytes, at);
                }

                @Override
                public void evaluate(Instant now) {
                    naive.evaluate(now);
                }
            };
        } else {
            throw new IllegalArgumentException("detector must be engine or naive, was " + detector);
        }
    }

    /** Per-thread position in the stream and simulated clock. */
    @State(Scope.Thread)
    public static class Cursor {
        int position;
        int inSecond;
        int writesPerSecond;
        boolean evaluator;
        String shard;
        byte[] scratch = Workload.scratch();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        @Setup(Level.Trial)
        public void setUp(HotKeyBenchmark bench, ThreadParams thread, BenchmarkParams params) {
            position = thread.getThreadIndex() << 20;
            writesPerSecond = Math.max(1, bench.eventsPerSecond / params.getThreads());
            evaluator = bench.evaluateEverySecond && thread.getThreadIndex() == 0;
            shard = "shardId-00000001700000000000-0000000" + thread.getThreadIndex();
        }
    }

    @Benchmark
    public void record(Cursor cursor) {
        int i = cursor.position++ & workload.mask;
        String key = Workload.freshKey(workload.sequence[i], cursor.scratch);
        target.record(Workload.TABLE, key, cursor.shard, workload.sizes[i], cursor.at);
        if (++cursor.inSecond == cursor.writesPerSecond) {
            cursor.inSecond = 0;
            cursor.at = cursor.at.plusSeconds(1);
            if (cursor.evaluator) {
                target.evaluate(cursor.at);
            }
        }
    }

    @Benchmark
    @Threads(2)
    public void recordTwoThreads(Cursor cursor) {
        record(cursor);
    }
}
