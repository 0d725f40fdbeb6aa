package dev.streampipe.bench.items;

import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.core.topology.internal.Routed;
import dev.streampipe.items.SdkItems;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The untyped and typed topologies' decode + route, and the typed path's parts (as {@link TypedItemsBenchmark} names
 * them), timed in thread CPU in one JVM: blocks of batches in rounds, each round starting with the next one, so all
 * share whatever else the machine does. A cross-check of JMH's wall-clock figures on a shared machine; prints each
 * one's median CPU per batch and the typed / untyped ratio. {@link TypedItemsReport} runs it after JMH; on its own:
 * {@code java -cp bench/target/benchmarks.jar dev.streampipe.bench.items.CpuTimeCheck [EVENT [ROUNDS]]}.
 */
public final class CpuTimeCheck {
    private static final int BATCHES_PER_BLOCK = 10;
    private static final int WARM_UP_BATCHES = 300;

    private CpuTimeCheck() {
    }

    public static void main(String[] args) throws Exception {
        String event = args.length > 0 ? args[0] : "events/mixed-batch-1000.json";
        run(Files.readAllBytes(Path.of(event)), args.length > 1 ? Integer.parseInt(args[1]) : 30);
    }

    /** Warms everything up, then times {@code rounds} rounds; the median CPU ratio typed / untyped. */
    static double run(byte[] json, int rounds) {
        StreamEventDecoder decoder = new StreamEventDecoder();
        CompiledTopology untyped = CompiledTopology.of(SessionRoutes.untyped());
        CompiledTopology typed = CompiledTopology.of(SessionRoutes.typed());
        TableSchema<SessionItem> schema = SessionRoutes.SESSION.schema();
        List<Item> images = new ArrayList<>();
        for (ChangeRecord r : decoder.decode(json).records()) {
            r.newImage().ifPresent(images::add);
            r.oldImage().ifPresent(images::add);
        }
        List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> sdkImages = new ArrayList<>();
        for (Item image : images) {
            sdkImages.add(SdkItems.toSdk(image)); // reads every value: imagesToSdk times the conversion only
        }

        Map<String, ToIntFunction<byte[]>> parts = new LinkedHashMap<>();
        parts.put("untyped", j -> route(decoder, untyped, j));
        parts.put("typed", j -> route(decoder, typed, j));
        parts.put("decodeOnly", j -> decoder.decode(j).records().size());
        parts.put("decodeReadAll", j -> eachImage(decoder, j, i -> i.attributes().size()));
        parts.put("imagesToSdk", j -> {
            int n = 0;
            for (Item image : images) {
                n += SdkItems.toSdk(image).size();
            }
            return n;
        });
        parts.put("imagesMapToItem", j -> {
            int n = 0;
            for (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk : sdkImages) {
                n += schema.mapToItem(sdk) == null ? 0 : 1;
            }
            return n;
        });
        parts.put("decodeMapAll", j -> eachImage(decoder, j, i -> schema.mapToItem(SdkItems.toSdk(i)) == null ? 0 : 1));
        parts.put("decodeMapDeclared", j -> eachImage(decoder, j, i -> schema.mapToItem(declared(schema, i)) == null
                ? 0 : 1));

        long sink = 0;
        for (int i = 0; i < WARM_UP_BATCHES; i++) {
            for (ToIntFunction<byte[]> part : parts.values()) {
                sink += part.applyAsInt(json);
            }
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<String, double[]> times = new LinkedHashMap<>();
        parts.keySet().forEach(name -> times.put(name, new double[rounds]));
        for (int r = 0; r < rounds; r++) {
            List<String> order = new ArrayList<>(parts.keySet());
            Collections.rotate(order, r);
            for (String name : order) {
                ToIntFunction<byte[]> part = parts.get(name);
                long start = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < BATCHES_PER_BLOCK; i++) {
                    sink += part.applyAsInt(json);
                }
                times.get(name)[r] = (cpu.getCurrentThreadCpuTime() - start) / 1e6 / BATCHES_PER_BLOCK;
            }
        }
        System.out.printf("%nCPU-time cross-check (thread CPU, %d rounds of %d batches of each, after %d warm-up"
                + " batches of each; checksum %d)%n", rounds, BATCHES_PER_BLOCK, WARM_UP_BATCHES, sink);
        System.out.printf("%-18s %10s %10s %10s%n", "", "p25 ms", "median ms", "p75 ms");
        for (Map.Entry<String, double[]> e : times.entrySet()) {
            double[] sorted = e.getValue();
            Arrays.sort(sorted);
            System.out.printf("%-18s %10.2f %10.2f %10.2f%n", e.getKey(), sorted[rounds / 4], sorted[rounds / 2],
                    sorted[rounds * 3 / 4]);
        }
        double ratio = median(times.get("typed")) / median(times.get("untyped"));
        System.out.printf("typed / untyped (median CPU per batch): %.2fx  (goal <= %.1fx: %s)%n", ratio,
                TypedItemsReport.GOAL, ratio <= TypedItemsReport.GOAL ? "MET" : "NOT MET");
        double decode = median(times.get("decodeOnly"));
        System.out.printf("mapping every image beyond decoding: all its attributes %.2f ms, only the"
                + " schema's attributes %.2f ms%n", median(times.get("decodeMapAll")) - decode,
                median(times.get("decodeMapDeclared")) - decode);
        return ratio;
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    /** Decodes the event and routes every record; the number of routes taken with a payload (so nothing is elided). */
    private static int route(StreamEventDecoder decoder, CompiledTopology topology, byte[] json) {
        int sent = 0;
        for (ChangeRecord r : decoder.decode(json).records()) {
            for (Routed routed : topology.route(r)) {
                sent += routed.payload().isPresent() ? 1 : 0;
            }
        }
        return sent;
    }

    private static int eachImage(StreamEventDecoder decoder, byte[] json, ToIntFunction<Item> work) {
        int n = 0;
        for (ChangeRecord r : decoder.decode(json).records()) {
            if (r.newImage().isPresent()) {
                n += work.applyAsInt(r.newImage().get());
            }
            if (r.oldImage().isPresent()) {
                n += work.applyAsInt(r.oldImage().get());
            }
        }
        return n;
    }

    /** The SDK's map of only the attributes of {@code image} that {@code schema} declares. */
    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> declared(
            TableSchema<SessionItem> schema, Item image) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = new HashMap<>();
        for (String name : schema.attributeNames()) {
            AttributeValue value = image.get(name).orElse(null);
            if (value != null) {
                sdk.put(name, SdkItems.toSdk(value));
            }
        }
        return sdk;
    }
}
