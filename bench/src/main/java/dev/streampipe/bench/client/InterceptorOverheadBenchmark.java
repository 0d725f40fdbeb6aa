package dev.streampipe.bench.client;

import dev.streampipe.hotkey.client.ClientHotKeyDetector;
import dev.streampipe.hotkey.client.HotKeyInterceptor;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * What the client-side hot-key interceptor costs per DynamoDB call, both sides in the same run:
 * <ul>
 *   <li>{@code getItemNoInterceptor} vs {@code getItemWithInterceptor}: a whole SDK {@code GetItem} (marshal,
 *       sign, unmarshal a 1 KB item) over an in-memory HTTP client, so no network noise — the difference is the
 *       interceptor's cost inside a real call;</li>
 *   <li>{@code hookGetItem}, {@code hookPutItem}: the interceptor's {@code afterExecution} alone on prebuilt
 *       request/response pairs (key rotating over 1,000 keys, system clock), against {@code hookNoop}, the same
 *       harness with nothing recorded.</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar InterceptorOverheadBenchmark -f 1 -wi 3 -i 5 -w 1s -r 2s -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InterceptorOverheadBenchmark {

    private static final String TABLE = "sessions";
    private static final int KEYS = 1_000;
    private static final String ITEM_JSON = "{\"Item\": {\"PK\": {\"S\": \"SESSION#1\"}, \"SK\": {\"S\": \"META\"}, "
            + "\"body\": {\"S\": \"" + "x".repeat(1_000) + "\"}}}";

    ClientHotKeyDetector detector;
    HotKeyInterceptor interceptor;
    DynamoDbClient plain;
    DynamoDbClient instrumented;
    InterceptorContext[] gets;
    InterceptorContext[] puts;
    GetItemRequest[] getRequests;
    final ExecutionAttributes attributes = new ExecutionAttributes();
    int next;

    @Setup
    public void setUp() {
        detector = ClientHotKeyDetector.builder().partitionKey(TABLE, "PK").build();
        interceptor = detector.interceptor();
        plain = builder().build();
        instrumented = detector.instrument(builder()).build();
        gets = new InterceptorContext[KEYS];
        puts = new InterceptorContext[KEYS];
        getRequests = new GetItemRequest[KEYS];
        GetItemResponse item = GetItemResponse.builder().item(Map.of("PK", AttributeValue.fromS("SESSION#1"),
                "SK", AttributeValue.fromS("META"), "body", AttributeValue.fromS("x".repeat(1_000)))).build();
        for (int i = 0; i < KEYS; i++) {
            Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("SESSION#" + i), "SK", AttributeValue.fromS("META"));
            getRequests[i] = GetItemRequest.builder().tableName(TABLE).key(key).build();
            gets[i] = InterceptorContext.builder().request(getRequests[i]).response(item).build();
            PutItemRequest put = PutItemRequest.builder().tableName(TABLE).item(Map.of("PK", AttributeValue.fromS("SESSION#" + i),
                    "SK", AttributeValue.fromS("TURN#1"), "body", AttributeValue.fromS("y".repeat(500)))).build();
            puts[i] = InterceptorContext.builder().request(put).response(PutItemResponse.builder().build()).build();
        }
    }

    private static DynamoDbClientBuilder builder() {
        return DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://localhost:1"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(new InMemoryHttpClient(ITEM_JSON));
    }

    @TearDown
    public void tearDown() {
        plain.close();
        instrumented.close();
        detector.close();
    }

    private int nextIndex() {
        int i = next + 1;
        next = i == KEYS ? 0 : i;
        return next;
    }

    @Benchmark
    public GetItemResponse getItemNoInterceptor() {
        return plain.getItem(getRequests[nextIndex()]);
    }

    @Benchmark
    public GetItemResponse getItemWithInterceptor() {
        return instrumented.getItem(getRequests[nextIndex()]);
    }

    @Benchmark
    public Object hookNoop() {
        return gets[nextIndex()];
    }

    @Benchmark
    public Object hookGetItem() {
        InterceptorContext context = gets[nextIndex()];
        interceptor.afterExecution(context, attributes);
        return context;
    }

    @Benchmark
    public Object hookPutItem() {
        InterceptorContext context = puts[nextIndex()];
        interceptor.afterExecution(context, attributes);
        return context;
    }
}
