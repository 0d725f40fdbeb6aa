package dev.streampipe.bench.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.aws.internal.Utf8;
import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.bench.router.LedgerTableEndpoint;
import dev.streampipe.bench.router.NaiveFanOut;
import dev.streampipe.bench.router.RouterEnvironment;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.router.RouterConfig;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.router.SessionSchema;
import dev.streampipe.testing.aws.DynamoDbLoopback;
import dev.streampipe.testing.aws.LoopbackAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs the three designs over one batch with real SDK clients against loopback endpoints (every AWS call, the
 * DynamoDB ones included, answered after a fixed latency) and meters each run with {@link UsageMeter}:
 * <ul>
 *   <li>{@code streampipe}: the router as deployed ({@link RouterWiring#router}), effect ledger on a loopback
 *       DynamoDB table; a fresh router per run, so no run benefits from an earlier run's in-memory accepted set;</li>
 *   <li>{@code per-record}: {@link NaiveFanOut}, one call per message, records one at a time;</li>
 *   <li>{@code per-record + idempotency}: the same, each record wrapped in {@link IdempotencyStore}'s conditional
 *       PutItem and UpdateItem, sent over the wire to the loopback table.</li>
 * </ul>
 * Contract: the units of every run of a design must agree (else {@link IllegalStateException}); the usage returned
 * is the run of median duration. Not thread-safe; close it to stop the endpoints.
 */
final class DesignRunner implements AutoCloseable {
    static final String STREAMPIPE = "streampipe";
    static final String PER_RECORD = "per-record";
    static final String IDEMPOTENT = "per-record + idempotency";
    static final String LEDGER_TABLE = RouterEnvironment.LEDGER_TABLE;
    static final String IDEMPOTENCY_TABLE = "streampipe-idempotency";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENVIRONMENT = RouterEnvironment.VARIABLES;

    private final LoopbackAws aws = LoopbackAws.start();
    private final DynamoDbLoopback dynamoDb = DynamoDbLoopback.start();
    private final Set<String> ledgerKeys = ConcurrentHashMap.newKeySet();
    private final AtomicLong logLines = new AtomicLong();
    private final AtomicLong logBytes = new AtomicLong();
    private final Consumer<String> log = line -> {
        logLines.addAndGet(1 + line.chars().filter(c -> c == '\n').count());
        logBytes.addAndGet(Utf8.length(line) + 1);
    };
    private final AwsClients clients;
    private final NaiveFanOut naive;
    private final IdempotencyStore idempotency;
    private final Duration latency;

    DesignRunner(Duration latency) {
        this.latency = latency;
        dynamoDb.dynamoDb()
                .answer("BatchGetItem", request -> {
                    ObjectNode answer = JSON.createObjectNode();
                    LedgerTableEndpoint.answerBatchGet(request, answer, ledgerKeys::contains);
                    return answer;
                })
                .answer("BatchWriteItem", request -> {
                    ledgerKeys.addAll(LedgerTableEndpoint.writtenKeys(request));
                    ObjectNode answer = JSON.createObjectNode();
                    answer.putObject("UnprocessedItems");
                    return answer;
                });
        DynamoDbClient ddb = dynamoDb.client(DynamoDbClient.builder());
        clients = AwsClients.builder().firehose(aws.client(FirehoseClient.builder()))
                .sns(aws.client(SnsClient.builder()))
                .eventBridge(aws.client(EventBridgeClient.builder())).lambda(aws.client(LambdaClient.builder()))
                .sqs(aws.client(SqsClient.builder())).dynamoDb(ddb).build();
        naive = new NaiveFanOut(RouterConfig.fromEnvironment(ENVIRONMENT), clients, log);
        idempotency = new IdempotencyStore(ddb, IDEMPOTENCY_TABLE, "streampipe-router", Clock.systemUTC(),
                Duration.ofHours(1));
    }

    /** Runs every design {@code warmUps} times without latency (JIT, connections), then {@code runs} times metered. */
    List<Usage> run(byte[] event, int records, int warmUps, int runs) {
        for (int i = 0; i < warmUps; i++) {
            streampipe(event, records, Duration.ZERO);
            perRecord(event, records, Duration.ZERO);
            idempotent(event, records, Duration.ZERO);
        }
        List<List<Usage>> byDesign = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < runs; i++) {
            byDesign.get(0).add(streampipe(event, records, latency));
            byDesign.get(1).add(perRecord(event, records, latency));
            byDesign.get(2).add(idempotent(event, records, latency));
        }
        return byDesign.stream().map(DesignRunner::median).toList();
    }

    /** One metered run of one design ({@link #STREAMPIPE}, {@link #PER_RECORD} or {@link #IDEMPOTENT}). */
    Usage once(String design, byte[] event, int records, Duration latency) {
        return switch (design) {
            case STREAMPIPE -> streampipe(event, records, latency);
            case PER_RECORD -> perRecord(event, records, latency);
            case IDEMPOTENT -> idempotent(event, records, latency);
            default -> throw new IllegalArgumentException("design must be one of " + List.of(STREAMPIPE, PER_RECORD,
                    IDEMPOTENT) + ", was '" + design + "'");
        };
    }

    private Usage streampipe(byte[] event, int records, Duration latency) {
        reset(latency);
        StreamRuntime router = RouterWiring.router(StreamEnvironment.of(ENVIRONMENT, clients, Clock.systemUTC(),
                Sleeper.REAL, RetryPolicy.DEFAULT, log), RouterWiring.inMemoryStateStore(SessionSchema.DEFAULT));
        resetLog();
        long t0 = System.nanoTime();
        BatchResult result = router.handle(new ByteArrayInputStream(event), new ByteArrayOutputStream(),
                Deadline.after(Duration.ofMinutes(5), Clock.systemUTC()));
        long nanos = System.nanoTime() - t0;
        if (!result.batchItemFailures().isEmpty()) {
            throw new IllegalStateException("router run failed: " + result.failureReasons());
        }
        return meter(STREAMPIPE, records, nanos);
    }

    private Usage perRecord(byte[] event, int records, Duration latency) {
        reset(latency);
        long t0 = System.nanoTime();
        naive.handle(event);
        return meter(PER_RECORD, records, System.nanoTime() - t0);
    }

    private Usage idempotent(byte[] event, int records, Duration latency) {
        reset(latency);
        long t0 = System.nanoTime();
        naive.handle(event, idempotency);
        return meter(IDEMPOTENT, records, System.nanoTime() - t0);
    }

    private void reset(Duration latency) {
        aws.reset();
        aws.latency(latency);
        dynamoDb.dynamoDb().reset();
        dynamoDb.dynamoDb().latency(latency);
        ledgerKeys.clear();
        resetLog();
    }

    private void resetLog() {
        logLines.set(0);
        logBytes.set(0);
    }

    private Usage meter(String design, int records, long nanos) {
        if (!aws.unexpected().isEmpty() || !dynamoDb.unexpected().isEmpty()) {
            throw new IllegalStateException(design + ": the endpoints saw unexpected requests: " + aws.unexpected()
                    + " " + dynamoDb.unexpected());
        }
        Map<String, Usage.Table> tables = UsageMeter.dynamoDb(dynamoDb.dynamoDb().calls(),
                Map.of(LEDGER_TABLE, "PK", IDEMPOTENCY_TABLE, IdempotencyStore.KEY));
        return new Usage(design, records, nanos, UsageMeter.asyncInvokes(aws.lambda().calls()),
                UsageMeter.firehose(aws.firehose().calls()), UsageMeter.sns(aws.sns().calls()),
                UsageMeter.eventBridge(aws.eventBridge().calls()), UsageMeter.sqs(aws.sqs().calls()),
                tables.getOrDefault(LEDGER_TABLE, Usage.Table.NONE),
                tables.getOrDefault(IDEMPOTENCY_TABLE, Usage.Table.NONE),
                new Usage.Api(0, logLines.get(), logBytes.get(), logBytes.get(), 0));
    }

    /**
     * The run of median duration (upper middle for an even count), after checking that every run billed the same
     * units. Log bytes are left out of the check: the router's summary and EMF lines print its duration, so they
     * differ by a byte or two from run to run.
     */
    private static Usage median(List<Usage> runs) {
        Usage first = runs.get(0);
        for (Usage u : runs) {
            if (!comparable(u).equals(comparable(first))) {
                throw new IllegalStateException(first.design() + ": billable units differ between runs: " + first
                        + " vs " + u);
            }
        }
        List<Usage> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingLong(Usage::invocationNanos));
        return sorted.get(sorted.size() / 2);
    }

    private static Usage comparable(Usage u) {
        return new Usage(u.design(), u.records(), 0, u.summaryInvokes(), u.firehose(), u.sns(), u.eventBridge(),
                u.sqs(), u.ledger(), u.idempotency(), new Usage.Api(0, u.logs().entries(), 0, 0, 0));
    }

    @Override
    public void close() {
        aws.close();
        dynamoDb.close();
    }
}
