package dev.streampipe.bench.items;

import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.core.topology.internal.Routed;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The untyped and typed topologies' decode + route timed in thread CPU, in alternating blocks in one JVM (each round
 * swaps which goes first), so both share whatever else the machine does: a cross-check of JMH's wall-clock figures
 * on a shared machine. {@link #run} prints each path's median CPU per batch and their ratio.
 */
final class CpuTimeCheck {
    private static final int BATCHES_PER_BLOCK = 10;

    private CpuTimeCheck() {
    }

    /** Warms both paths for {@code warmUpBatches} batches each, then times {@code rounds} rounds; the ratio typed/untyped. */
    static double run(byte[] json, int warmUpBatches, int rounds) {
        StreamEventDecoder decoder = new StreamEventDecoder();
        CompiledTopology untyped = CompiledTopology.of(SessionRoutes.untyped());
        CompiledTopology typed = CompiledTopology.of(SessionRoutes.typed());
        long sink = 0;
        for (int i = 0; i < warmUpBatches; i++) {
            sink += batch(decoder, untyped, json) + batch(decoder, typed, json);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] tu = new double[rounds];
        double[] tt = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                boolean typedNow = (k == 0) == (r % 2 == 0);
                CompiledTopology topology = typedNow ? typed : untyped;
                long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < BATCHES_PER_BLOCK; i++) {
                    sink += batch(decoder, topology, json);
                }
                (typedNow ? tt : tu)[r] = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / BATCHES_PER_BLOCK;
            }
        }
        Arrays.sort(tu);
        Arrays.sort(tt);
        double ratio = tt[rounds / 2] / tu[rounds / 2];
        System.out.printf("%nCPU-time cross-check (thread CPU, %d alternating rounds of %d batches each, after %d warm-up"
                + " batches per path; checksum %d)%n", rounds, BATCHES_PER_BLOCK, warmUpBatches, sink);
        System.out.printf("%-10s %10s %10s %10s%n", "path", "p25 ms", "median ms", "p75 ms");
        print("untyped", tu);
        print("typed", tt);
        System.out.printf("typed / untyped (median CPU per batch): %.2fx%n", ratio);
        return ratio;
    }

    private static void print(String label, double[] sorted) {
        System.out.printf("%-10s %10.2f %10.2f %10.2f%n", label, sorted[sorted.length / 4], sorted[sorted.length / 2],
                sorted[sorted.length * 3 / 4]);
    }

    /** Decodes the event and routes every record; the number of routes taken with a payload (so nothing is elided). */
    private static int batch(StreamEventDecoder decoder, CompiledTopology topology, byte[] json) {
        int sent = 0;
        for (ChangeRecord r : decoder.decode(json).records()) {
            for (Routed routed : topology.route(r)) {
                sent += routed.payload().isPresent() ? 1 : 0;
            }
        }
        return sent;
    }
}
