package dev.streampipe.bench.router;

import dev.streampipe.core.batch.BatchPhases;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.router.RouterConfig;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.testing.aws.LoopbackAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * API calls and wall time for one batch: the router ({@link RouterWiring}, real SDK clients, effect ledger
 * {@code DynamoDbEffectLedger} on a {@link LedgerTableEndpoint}) against the naive per-record fan-out
 * ({@link NaiveFanOut}), all on a {@link LoopbackAws} that adds a fixed latency to every call (the ledger endpoint
 * too). Prints calls per sink beside the theoretical minimum, wall times (median of the runs) and the ratios, then
 * the router's wall time per phase ({@link dev.streampipe.core.batch.PhaseListener}) beside the per-record path's
 * decode, route and sends, and the round trips on the critical path (from the SDK calls' wire times) against the
 * minimum.
 *
 * <p>Run from the repository root after {@code ./mvnw -q -pl bench -am package -DskipTests}:
 * {@code java -cp bench/target/benchmarks.jar dev.streampipe.bench.router.RouterFanOutBenchmark
 * [event=events/mixed-batch-1000.json] [latencyMs=5] [runs=21] [warmups=30]}.
 */
public final class RouterFanOutBenchmark {
    private static final String[][] OPERATIONS = {
        {"analytics", "Firehose", "PutRecord", "PutRecordBatch"},
        {"handoffs", "SNS", "Publish", "PublishBatch"},
        {"status-events", "EventBridge", "PutEvents", "PutEvents"},
        {"summary-trigger", "Lambda", "Invoke", "Invoke"},
        {"dead-letters", "SQS", "SendMessage", "SendMessageBatch"},
    };

    private RouterFanOutBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path eventFile = Path.of(args.length > 0 ? args[0] : "events/mixed-batch-1000.json");
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 5);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 21;
        int warmups = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        byte[] event = Files.readAllBytes(eventFile);
        Map<String, String> environment = RouterEnvironment.VARIABLES;
        RouterConfig config = RouterConfig.fromEnvironment(environment);
        AtomicLong auditBytes = new AtomicLong();
        CallTimes callTimes = new CallTimes();

        try (LoopbackAws aws = LoopbackAws.start(); LedgerTableEndpoint ledger = LedgerTableEndpoint.start()) {
            AwsClients clients = AwsClients.builder()
                    .firehose(aws.client(timed(FirehoseClient.builder(), callTimes)))
                    .sns(aws.client(timed(SnsClient.builder(), callTimes)))
                    .eventBridge(aws.client(timed(EventBridgeClient.builder(), callTimes)))
                    .lambda(aws.client(timed(LambdaClient.builder(), callTimes)))
                    .sqs(aws.client(timed(SqsClient.builder(), callTimes)))
                    .dynamoDb(aws.configure(timed(DynamoDbClient.builder(), callTimes))
                            .endpointOverride(ledger.endpoint()).build())
                    .build();
            List<BatchPhases> phases = new ArrayList<>();
            // A fresh router per run, as a fresh container: its in-memory record of accepted messages would
            // otherwise skip what the previous run sent.
            Supplier<StreamRuntime> routers = () -> RouterWiring.routerBuilder(StreamEnvironment.of(environment,
                    clients, Clock.systemUTC(), Sleeper.REAL, RetryPolicy.DEFAULT,
                    line -> auditBytes.addAndGet(line.length())), RouterWiring.inMemoryStateStore(config.schema()))
                    .phases(phases::add).build();
            NaiveFanOut naive = new NaiveFanOut(config, clients, line -> auditBytes.addAndGet(line.length()));

            // Warm up JIT and connections without latency (the per-record path a few times: it makes 1,000s of
            // calls a run), then measure with it.
            for (int i = 0; i < warmups; i++) {
                reset(aws, ledger, Duration.ZERO);
                runRouter(routers.get(), event);
                if (i < 3) {
                    naive.handle(event);
                }
            }
            phases.clear();
            List<Long> routerNanos = new ArrayList<>();
            List<Long> naiveNanos = new ArrayList<>();
            List<Integer> routerTrips = new ArrayList<>();
            List<NaiveFanOut.Timing> naiveTimings = new ArrayList<>();
            int naiveTrips = 0;
            Counts routerCounts = null;
            Counts naiveCounts = null;
            for (int i = 0; i < runs; i++) {
                StreamRuntime router = routers.get();
                reset(aws, ledger, latency);
                callTimes.reset();
                long t0 = System.nanoTime();
                BatchResult result = runRouter(router, event);
                routerNanos.add(System.nanoTime() - t0);
                routerTrips.add(callTimes.sequentialRoundTrips());
                check(result.batchItemFailures().isEmpty() && aws.unexpected().isEmpty() && ledger.unexpected() == 0,
                        "router run failed: " + result.failureReasons() + " " + aws.unexpected());
                routerCounts = Counts.router(aws, ledger);

                reset(aws, ledger, latency);
                callTimes.reset();
                NaiveFanOut.Timing timing = new NaiveFanOut.Timing();
                t0 = System.nanoTime();
                int calls = naive.handle(event, timing);
                naiveNanos.add(System.nanoTime() - t0);
                naiveTimings.add(timing);
                naiveTrips = callTimes.sequentialRoundTrips();
                naiveCounts = Counts.naive(aws);
                check(calls == naiveCounts.total() && aws.unexpected().isEmpty(), "naive run miscounted");
            }
            MinimumCalls minimum = MinimumCalls.of(config, event);
            Report.print(eventFile, event, latency, runs, warmups, routerCounts, naiveCounts, routerNanos, naiveNanos,
                    minimum);
            PhaseTable.print(latency.toMillis(), phases, routerNanos, routerTrips, naiveTimings, naiveNanos,
                    naiveTrips, minimum.criticalRoundTrips());
        }
    }

    private static <B extends AwsClientBuilder<B, C>, C> B timed(B builder, CallTimes callTimes) {
        return builder.overrideConfiguration(o -> o.addExecutionInterceptor(callTimes));
    }

    private static BatchResult runRouter(StreamRuntime router, byte[] event) {
        return router.handle(new ByteArrayInputStream(event), new ByteArrayOutputStream(),
                Deadline.after(Duration.ofMinutes(5), Clock.systemUTC()));
    }

    private static void reset(LoopbackAws aws, LedgerTableEndpoint ledger, Duration latency) {
        aws.reset();
        aws.latency(latency);
        ledger.reset();
        ledger.latency(latency);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    /** API calls per sink of one run, in {@link #OPERATIONS} order, plus ledger calls. */
    record Counts(int[] perSink, int ledgerGets, int ledgerWrites) {
        static Counts router(LoopbackAws aws, LedgerTableEndpoint ledger) {
            return of(aws, 3, ledger.calls("BatchGetItem"), ledger.calls("BatchWriteItem"));
        }

        static Counts naive(LoopbackAws aws) {
            return of(aws, 2, 0, 0);
        }

        private static Counts of(LoopbackAws aws, int column, int gets, int writes) {
            int[] perSink = new int[OPERATIONS.length];
            for (int i = 0; i < OPERATIONS.length; i++) {
                perSink[i] = aws.calls(OPERATIONS[i][1], OPERATIONS[i][column]);
            }
            return new Counts(perSink, gets, writes);
        }

        int total() {
            int n = ledgerGets + ledgerWrites;
            for (int c : perSink) {
                n += c;
            }
            return n;
        }
    }

    static String[][] operations() {
        return OPERATIONS;
    }
}
