package dev.streampipe.bench.decode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Decode + route of one event by two builds of streampipe side by side in one JVM, for a change's before/after:
 * {@code java -cp bench/target/benchmarks.jar dev.streampipe.bench.decode.DecodeRouteComparison A.jar B.jar EVENT
 * [ROUNDS]}, where A and B are two builds' {@code bench/target/benchmarks.jar}. Each build is loaded by a class loader
 * of its own; after a warm-up, rounds alternate which build goes first, and each round times a block of batches per
 * build in thread CPU time, so both builds share whatever else the machine is doing. Prints each build's median and
 * quartiles in milliseconds of CPU per batch, and B's median relative to A's.
 */
public final class DecodeRouteComparison {
    private static final int BATCHES_PER_BLOCK = 20;

    private DecodeRouteComparison() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: DecodeRouteComparison A.jar B.jar EVENT.json [ROUNDS]");
            System.exit(2);
        }
        byte[] event = Files.readAllBytes(Path.of(args[2]));
        int rounds = args.length == 4 ? Integer.parseInt(args[3]) : 40;
        Build a = Build.load(Path.of(args[0]));
        Build b = Build.load(Path.of(args[1]));
        System.out.printf("event %s: %d bytes, %d records (A), %d records (B)%n", args[2], event.length,
                a.recordsOf(event), b.recordsOf(event));
        for (int i = 0; i < 300; i++) {
            a.run(event);
            b.run(event);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] ta = new double[rounds];
        double[] tb = new double[rounds];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            boolean aFirst = r % 2 == 0;
            for (int k = 0; k < 2; k++) {
                Build build = (k == 0) == aFirst ? a : b;
                long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < BATCHES_PER_BLOCK; i++) {
                    sink += build.run(event);
                }
                double ms = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / BATCHES_PER_BLOCK;
                (build == a ? ta : tb)[r] = ms;
            }
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        System.out.printf("%-3s %-60s %10s %10s %10s%n", "", "build", "p25 ms", "median ms", "p75 ms");
        print("A", args[0], ta);
        print("B", args[1], tb);
        System.out.printf("B / A (median CPU per batch): %.3f   (%d rounds of %d batches each; checksum %d)%n",
                median(tb) / median(ta), rounds, BATCHES_PER_BLOCK, sink);
    }

    private static void print(String label, String jar, double[] sorted) {
        System.out.printf("%-3s %-60s %10.3f %10.3f %10.3f%n", label, jar, sorted[sorted.length / 4], median(sorted),
                sorted[sorted.length * 3 / 4]);
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    /**
     * One build: its decoder and the session topology's router, reached by reflection through its own class loader.
     */
    private static final class Build {
        private final Object decoder;
        private final Method decode;
        private final Method records;
        private final Object topology;
        private final Method route;

        private Build(Object decoder, Method decode, Method records, Object topology, Method route) {
            this.decoder = decoder;
            this.decode = decode;
            this.records = records;
            this.topology = topology;
            this.route = route;
        }

        static Build load(Path jar) throws Exception {
            ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> decoderClass = loader.loadClass("dev.streampipe.core.decode.StreamEventDecoder");
            Class<?> batchClass = loader.loadClass("dev.streampipe.core.decode.DecodedBatch");
            Class<?> recordClass = loader.loadClass("dev.streampipe.core.record.ChangeRecord");
            Class<?> schemaClass = loader.loadClass("dev.streampipe.router.SessionSchema");
            Class<?> topologyClass = loader.loadClass("dev.streampipe.core.topology.Topology");
            Object topology = loader.loadClass("dev.streampipe.router.SessionTopology")
                    .getMethod("create", schemaClass).invoke(null, schemaClass.getField("DEFAULT").get(null));
            // A build routes through the topology's internal CompiledTopology; a build older than that through the
            // Topology itself.
            Object router;
            Method route;
            try {
                Class<?> compiledClass = loader.loadClass("dev.streampipe.core.topology.internal.CompiledTopology");
                router = compiledClass.getMethod("of", topologyClass).invoke(null, topology);
                route = compiledClass.getMethod("route", recordClass);
            } catch (ClassNotFoundException e) {
                router = topology;
                route = topologyClass.getMethod("route", recordClass);
            }
            return new Build(decoderClass.getConstructor().newInstance(), decoderClass.getMethod("decode", byte[].class),
                    batchClass.getMethod("records"), router, route);
        }

        int recordsOf(byte[] event) throws Exception {
            return ((List<?>) records.invoke(decode.invoke(decoder, (Object) event))).size();
        }

        /** Decodes the event and routes every record; returns the number of routes taken (so nothing is elided). */
        int run(byte[] event) throws Exception {
            int taken = 0;
            for (Object record : (List<?>) records.invoke(decode.invoke(decoder, (Object) event))) {
                taken += ((List<?>) route.invoke(topology, record)).size();
            }
            return taken;
        }
    }
}
