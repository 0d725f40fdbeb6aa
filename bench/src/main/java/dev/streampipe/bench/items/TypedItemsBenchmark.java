package dev.streampipe.bench.items;

import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.items.SdkItems;
import dev.streampipe.router.SessionSchema;
import dev.streampipe.router.SessionTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Decode + route of one Lambda event (default {@code events/mixed-batch-1000.json}) through the same logical topology
 * built twice ({@link SessionRoutes}), single-threaded, score in batches/s:
 * <ul>
 *   <li>{@code untyped}: predicates and mappers reading images with {@code Item.string/number};</li>
 *   <li>{@code typed}: the same through {@link SessionItem} ({@code ItemType}, {@code Field}, {@code ItemType.mapper}:
 *   each image converted to the SDK's attribute map and mapped by the bean's {@code TableSchema} once);</li>
 *   <li>{@code sessionRouter}: the router function's own session topology (JsonText bodies), the existing baseline;</li>
 *   <li>where the typed path's time goes: {@code decodeOnly}; {@code decodeReadAll} (decode, then every value of every
 *   image read, which the typed path's conversion forces and the untyped one's few reads do not);
 *   {@code imagesToSdk} ({@code SdkItems.toSdk} of every image of the batch, values already read) and
 *   {@code imagesMapToItem} ({@code TableSchema.mapToItem} of every image's SDK map); {@code decodeMapAll} (decode,
 *   then every image mapped as {@code ItemType} maps it: all its attributes to the SDK's, then {@code mapToItem}) and,
 *   for comparison, {@code decodeMapDeclared} (the same with only the attributes the schema declares converted:
 *   what a conversion limited to {@code TableSchema.attributeNames()} would cost).</li>
 * </ul>
 * The setup fails the run unless both topologies send the same bodies for the event. Run
 * {@link TypedItemsReport} for the side-by-side table, or {@code java -jar bench/target/benchmarks.jar TypedItems}.
 * Give it enough warm-up: on a loaded 2-core machine the JIT needs 20-30 s of iterations to settle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 3) // on a loaded 2-core machine the JIT needs 20-30 s to settle
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TypedItemsBenchmark {
    @Param("events/mixed-batch-1000.json")
    public String eventFile;

    private byte[] json;
    private StreamEventDecoder decoder;
    private CompiledTopology untyped;
    private CompiledTopology typed;
    private CompiledTopology sessionRouter;
    private List<Item> images;
    private List<Map<String, AttributeValue>> sdkImages;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        json = Files.readAllBytes(Path.of(eventFile));
        decoder = new StreamEventDecoder();
        untyped = CompiledTopology.of(SessionRoutes.untyped());
        typed = CompiledTopology.of(SessionRoutes.typed());
        sessionRouter = CompiledTopology.of(SessionTopology.create(SessionSchema.DEFAULT));
        List<String> untypedSent = SessionRoutes.sent(SessionRoutes.untyped(), decoder.decode(json).records());
        List<String> typedSent = SessionRoutes.sent(SessionRoutes.typed(), decoder.decode(json).records());
        if (!untypedSent.equals(typedSent)) {
            throw new IllegalStateException("the typed and untyped topologies disagree: " + firstDifference(
                    untypedSent, typedSent));
        }
        List<ChangeRecord> records = decoder.decode(json).records();
        images = new ArrayList<>();
        for (ChangeRecord r : records) {
            r.newImage().ifPresent(images::add);
            r.oldImage().ifPresent(images::add);
        }
        sdkImages = new ArrayList<>();
        for (Item image : images) {
            sdkImages.add(SdkItems.toSdk(image)); // reads every value, so imagesToSdk measures the conversion only
        }
        long rejected = untypedSent.stream().filter(s -> s.contains(" REJECTED ")).count();
        System.out.println("\n# records per batch: " + records.size() + ", images: " + images.size() + ", routes taken: "
                + untypedSent.size() + " (" + rejected + " rejected), bodies identical in both topologies");
    }

    static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "at " + i + ": untyped " + a.get(i) + " | typed " + b.get(i);
            }
        }
        return "untyped took " + a.size() + " routes, typed " + b.size();
    }

    @Benchmark
    public void untyped(Blackhole bh) {
        for (ChangeRecord r : decoder.decode(json).records()) {
            bh.consume(untyped.route(r));
        }
    }

    @Benchmark
    public void typed(Blackhole bh) {
        for (ChangeRecord r : decoder.decode(json).records()) {
            bh.consume(typed.route(r));
        }
    }

    @Benchmark
    public void sessionRouter(Blackhole bh) {
        for (ChangeRecord r : decoder.decode(json).records()) {
            bh.consume(sessionRouter.route(r));
        }
    }

    @Benchmark
    public void decodeOnly(Blackhole bh) {
        bh.consume(decoder.decode(json));
    }

    @Benchmark
    public void decodeReadAll(Blackhole bh) {
        for (ChangeRecord r : decoder.decode(json).records()) {
            r.newImage().ifPresent(i -> bh.consume(i.attributes()));
            r.oldImage().ifPresent(i -> bh.consume(i.attributes()));
        }
    }

    @Benchmark
    public void decodeMapAll(Blackhole bh) {
        TableSchema<SessionItem> schema = SessionRoutes.SESSION.schema();
        for (ChangeRecord r : decoder.decode(json).records()) {
            r.newImage().ifPresent(i -> bh.consume(schema.mapToItem(SdkItems.toSdk(i))));
            r.oldImage().ifPresent(i -> bh.consume(schema.mapToItem(SdkItems.toSdk(i))));
        }
    }

    @Benchmark
    public void decodeMapDeclared(Blackhole bh) {
        TableSchema<SessionItem> schema = SessionRoutes.SESSION.schema();
        for (ChangeRecord r : decoder.decode(json).records()) {
            r.newImage().ifPresent(i -> bh.consume(schema.mapToItem(CpuTimeCheck.declared(schema, i))));
            r.oldImage().ifPresent(i -> bh.consume(schema.mapToItem(CpuTimeCheck.declared(schema, i))));
        }
    }

    @Benchmark
    public void imagesToSdk(Blackhole bh) {
        for (Item image : images) {
            bh.consume(SdkItems.toSdk(image));
        }
    }

    @Benchmark
    public void imagesMapToItem(Blackhole bh) {
        for (Map<String, AttributeValue> sdk : sdkImages) {
            bh.consume(SessionRoutes.SESSION.schema().mapToItem(sdk));
        }
    }
}
