package dev.streampipe.local;

import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.emulator.MotoServer;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.client.ClientHotKeyDetector;
import dev.streampipe.local.aws.AwsInABox;
import dev.streampipe.local.aws.FirehoseFaults;
import dev.streampipe.local.aws.LambdaService;
import dev.streampipe.local.aws.TemplateStack;
import dev.streampipe.router.RouterConfig;
import dev.streampipe.router.RouterHandler;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.summary.JsonLog;
import dev.streampipe.summary.LocalSummarizer;
import dev.streampipe.summary.SummaryConfig;
import dev.streampipe.summary.SummaryHandler;
import dev.streampipe.summary.dynamodb.DynamoDbSummaryStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The deployed wiring on one machine: moto with {@code template.yaml}'s resources, the router built by
 * {@link RouterWiring} from the environment the template gives the router function (its real SDK sinks, pointed at
 * moto), and the summary function behind an in-process Lambda Invoke API. The only stand-ins: Lambda execution
 * (moto needs Docker for it) and a Firehose endpoint that fails a share of entries on purpose.
 */
final class LocalAws implements AutoCloseable {
    /** The one resource the run adds: a queue on the alert topic, standing in for the operator's e-mail. */
    static final String ALERT_QUEUE = "streampipe-local-alerts";

    final MotoServer moto;
    final AwsInABox box;
    final LambdaService lambda;
    final FirehoseFaults firehoseFaults;
    final RouterHandler router;
    /** For the run's own reads (the checks): not instrumented. */
    final DynamoDbClient dynamoDb;
    /** The application's client (the workload and the summary function): instrumented by {@link #clientHotKeys}. */
    final DynamoDbClient appDynamoDb;
    /** The client-side hot-key detector on the application's client: reads and writes per key, throttles. */
    final ClientHotKeyDetector clientHotKeys;
    private final AwsClients routerClients;

    private LocalAws(MotoServer moto, AwsInABox box, LambdaService lambda, FirehoseFaults faults, RouterHandler router,
                     DynamoDbClient dynamoDb,
                     DynamoDbClient appDynamoDb, ClientHotKeyDetector clientHotKeys,
                     AwsClients routerClients) {
        this.moto = moto;
        this.box = box;
        this.lambda = lambda;
        this.firehoseFaults = faults;
        this.router = router;
        this.dynamoDb = dynamoDb;
        this.appDynamoDb = appDynamoDb;
        this.clientHotKeys = clientHotKeys;
        this.routerClients = routerClients;
    }

    /** Creates the resources of {@code template} in {@code moto} and wires both functions to them. */
    static LocalAws start(MotoServer moto, RunTemplate template, RunOptions o, Clock clock, Consumer<String> routerLog,
                          Consumer<String> summaryLog, Consumer<String> clientHotKeyLog) {
        TemplateStack stack = template.stack();
        AwsInABox box = AwsInABox.provision(moto, stack);
        box.subscribeQueue(RunTemplate.ALERT_TOPIC, ALERT_QUEUE);
        DynamoDbClient dynamoDb = moto.configure(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create())
                .build();
        String table = box.ref(RunTemplate.SESSION_TABLE);
        // scaled down from the 800 WCU/s and 2,400 RCU/s defaults as the monitor's threshold is (one machine)
        ClientHotKeyDetector clientHotKeys = ClientHotKeyDetector.builder()
                .partitionKey(table, stack.parameter(RunTemplate.PARTITION_KEY_NAME))
                .tableThresholds(table, Threshold.ofWcu(o.hotThresholdWcu()).withRcu(3 * o.hotThresholdWcu()))
                .warnings(clientHotKeyLog).clock(clock).build().start();
        DynamoDbClient appDynamoDb = clientHotKeys.instrument(moto.configure(DynamoDbClient.builder()))
                .httpClient(UrlConnectionHttpClient.create()).build();
        LambdaService lambda = LambdaService.start(2, clock, summaryLog);
        FirehoseFaults faults = FirehoseFaults.start(moto.endpoint(), o.sinkFailureRate(),
                RetryPolicy.DEFAULT.maxAttempts(), new Random(o.seed()));

        SummaryConfig summaryConfig = SummaryConfig.fromEnvironment(box.functionEnvironment(RunTemplate.SUMMARY));
        SummaryHandler summary = new SummaryHandler(summaryConfig, new DynamoDbSummaryStore(appDynamoDb, summaryConfig),
                new LocalSummarizer(), clock, new JsonLog(summaryLog, clock));
        String summaryName = box.ref(RunTemplate.SUMMARY);
        String onFailureQueue = box.ref(RunTemplate.ON_FAILURE_QUEUE);
        lambda.register(new LambdaService.Function(summaryName, summary, template.summaryTimeout(),
                template.summaryMaxRetries(),
                record -> box.sqs().sendMessage(b -> b.queueUrl(onFailureQueue).messageBody(record))));

        Map<String, String> routerEnvironment = box.functionEnvironment(RunTemplate.ROUTER);
        AwsClients clients = clients(moto, lambda, faults);
        // The aggregations' state on the template's state table (STATE_TABLE_NAME), as in AWS.
        RouterHandler router = new RouterHandler(RouterWiring.router(StreamEnvironment.of(routerEnvironment, clients,
                clock, Sleeper.REAL, RetryPolicy.DEFAULT, routerLog)));
        return new LocalAws(moto, box, lambda, faults, router, dynamoDb, appDynamoDb,
                clientHotKeys, clients);
    }

    /** The router's clients as {@link AwsClients} builds them for Lambda, with endpoint overrides. */
    private static AwsClients clients(MotoServer moto, LambdaService lambda, FirehoseFaults faults) {
        Region region = MotoServer.REGION;
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        return AwsClients.builder()
                .firehose(AwsClients.configure(FirehoseClient.builder(), region, credentials)
                        .endpointOverride(faults.endpoint()).build())
                .sns(AwsClients.configure(SnsClient.builder(), region, credentials)
                        .endpointOverride(moto.endpoint()).build())
                .eventBridge(AwsClients.configure(EventBridgeClient.builder(), region, credentials)
                        .endpointOverride(moto.endpoint()).build())
                .lambda(AwsClients.configure(LambdaClient.builder(), region, credentials)
                        .endpointOverride(lambda.endpoint()).build())
                .sqs(AwsClients.configure(SqsClient.builder(), region, credentials)
                        .endpointOverride(moto.endpoint()).build())
                .dynamoDb(AwsClients.configure(DynamoDbClient.builder(), region, credentials)
                        .endpointOverride(moto.endpoint()).build())
                .build();
    }

    /** The session table's name and stream. */
    String tableName() {
        return box.ref(RunTemplate.SESSION_TABLE);
    }

    String streamArn() {
        return box.stack().attribute(RunTemplate.SESSION_TABLE, "StreamArn");
    }

    /** One line per created resource type, for the console. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        box.created().forEach((type, ids) -> sb.append(String.format("  %-38s %s%s%n", type, String.join(", ", ids),
                type.equals("AWS::IAM::Role") ? " (named only: moto does not enforce IAM)" : "")));
        List<String> skipped = box.skipped().entrySet().stream().map(e -> e.getKey().replace("AWS::", "") + " "
                + e.getValue()).toList();
        sb.append("  not created (nothing here checks them): ").append(String.join(", ", skipped));
        return sb.toString();
    }

    @Override
    public void close() {
        lambda.close();
        firehoseFaults.close();
        routerClients.firehose().close();
        routerClients.sns().close();
        routerClients.eventBridge().close();
        routerClients.lambda().close();
        routerClients.sqs().close();
        routerClients.dynamoDb().close();
        clientHotKeys.close();
        appDynamoDb.close();
        dynamoDb.close();
        box.close();
    }
}
