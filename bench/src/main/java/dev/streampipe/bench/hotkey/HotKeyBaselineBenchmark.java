package dev.streampipe.bench.hotkey;

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

/**
 * What {@link HotKeyBenchmark} spends outside the detectors: drawing the next write, building
 * its key string and hashing it. Subtract its time per operation to get a detector's own cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HotKeyBaselineBenchmark {

    @Param({"uniform"})
    public String distribution;

    private Workload workload;
    private final byte[] scratch = Workload.scratch();
    private int position;

    @Setup(Level.Trial)
    public void setUp() {
        workload = Workload.create(distribution, 1_000_000, 0.10, 22, 20_260_101L);
    }

    @Benchmark
    public int buildAndHashKey() {
        int i = position++ & workload.mask;
        return Workload.freshKey(workload.sequence[i], scratch).hashCode() + workload.sizes[i];
    }
}
