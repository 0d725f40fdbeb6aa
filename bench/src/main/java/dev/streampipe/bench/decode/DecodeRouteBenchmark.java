package dev.streampipe.bench.decode;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.router.SessionSchema;
import dev.streampipe.router.SessionTopology;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Decode + route of one Lambda event (default {@code events/mixed-batch.json}, 140 records), single-threaded:
 * <ul>
 *   <li>{@code streampipe}: our streaming decoder straight into change records, then the session topology;</li>
 *   <li>{@code lambdaSerialization}: the Lambda runtime's serializer into {@code DynamodbEvent}, a conversion into
 *   change records, then the same topology.</li>
 * </ul>
 * Score is batches/s; records/s per core = score × records in the file (printed at setup).
 * Run from the repo root: {@code java -jar bench/target/benchmarks.jar DecodeRoute}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeRouteBenchmark {
    @Param("events/mixed-batch.json")
    public String eventFile;

    private byte[] json;
    private StreamEventDecoder decoder;
    private PojoSerializer<DynamodbEvent> lambdaSerializer;
    private CompiledTopology topology;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        json = Files.readAllBytes(Path.of(eventFile));
        decoder = new StreamEventDecoder();
        lambdaSerializer = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader());
        topology = CompiledTopology.of(SessionTopology.create(SessionSchema.DEFAULT));
        int ours = decoder.decode(json).records().size();
        int theirs = LambdaEventConversion.convert(lambdaSerializer.fromJson(new ByteArrayInputStream(json))).size();
        if (ours != theirs) {
            throw new IllegalStateException("paths disagree: " + ours + " vs " + theirs + " records");
        }
        System.out.println("\n# records per batch: " + ours + " (" + json.length + " bytes)");
    }

    @Benchmark
    public void streampipe(Blackhole bh) {
        for (ChangeRecord r : decoder.decode(json).records()) {
            bh.consume(topology.route(r));
        }
    }

    @Benchmark
    public void lambdaSerialization(Blackhole bh) {
        DynamodbEvent event = lambdaSerializer.fromJson(new ByteArrayInputStream(json));
        for (ChangeRecord r : LambdaEventConversion.convert(event)) {
            bh.consume(topology.route(r));
        }
    }

    @Benchmark
    public void streampipeDecodeOnly(Blackhole bh) {
        bh.consume(decoder.decode(json));
    }

    @Benchmark
    public void lambdaSerializationDecodeOnly(Blackhole bh) {
        bh.consume(LambdaEventConversion.convert(lambdaSerializer.fromJson(new ByteArrayInputStream(json))));
    }
}
