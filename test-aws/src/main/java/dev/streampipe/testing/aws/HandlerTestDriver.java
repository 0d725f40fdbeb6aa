package dev.streampipe.testing.aws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.aws.lambda.InvocationContext;
import dev.streampipe.aws.lambda.RuntimeSettings;
import dev.streampipe.aws.lambda.StreamApp;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.state.InMemoryStateStore;
import dev.streampipe.core.topology.Route;
import dev.streampipe.testing.AdvancingSleeper;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A stream function's handler in a test, run as deployed: the {@link StreamApp} (the static
 * {@code runtime(StreamEnvironment)} of a handler) is assembled from the environment variables the template gives
 * the function, with what Lambda adds ({@code AWS_LAMBDA_FUNCTION_NAME} = {@value #FUNCTION_NAME},
 * {@code AWS_REGION}) and the runtime's defaults (metric namespace, concurrency, retry policy), on real SDK clients
 * configured as in Lambda and pointed at a {@link LoopbackAws}. Each {@code handle} is one invocation with a
 * five-minute Lambda context, through the byte path of a {@code RequestStreamHandler} or, with
 * {@link #handleDynamodbEvent}, the {@code DynamodbEvent} path. The driver keeps every line the function logs: the
 * topology's outline at assembly, each invocation's summary and EMF metric lines, what log sinks write. The
 * loopback keeps what each service received; time is a {@link ManualClock} that only retry waits move.
 *
 * <pre>{@code
 * // loopback: a LoopbackAwsExtension registered on the test class
 * Map<String, String> variables = Map.of("REORDER_TOPIC_ARN", topicArn, ..., // as the template sets them
 *         "DEAD_LETTER_QUEUE_URL", queueUrl, "LEDGER_TABLE_NAME", "inventory-ledger");
 * try (HandlerTestDriver function = HandlerTestDriver.start(InventoryHandler::runtime, loopback.aws(), variables)) {
 *     List<String> failures = function.handle(StreamEvent.of(modify("sku", "tea", "warehouse", "W1")
 *             .oldImage("quantity", 12).newImage("quantity", 8)));
 *
 *     assertThat(failures).isEmpty();
 *     assertThat(function.topologyLine()).contains("low-stock");
 *     assertThat(function.summaries()).singleElement()
 *             .satisfies(s -> assertThat(s.get("records").asInt()).isEqualTo(1));
 *     assertThat(loopback.aws().sns().accepted()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>The loopback serves no DynamoDB, so the aggregations' state store is in memory (one for the function's
 * lifetime, with the DynamoDB store's contract), and so is the effect ledger: {@link #start(StreamApp, LoopbackAws, Map)}
 * gives the function an empty one for its lifetime (a batch handled twice sends its ledgered effects once), and
 * still requires {@code LEDGER_TABLE_NAME} when a route is ledgered, as the deployed function does. To run the
 * ledger on a real table, pass a {@code DynamoDbEffectLedger} on moto's client to
 * {@link #start(StreamApp, LoopbackAws, Map, EffectLedger)}.
 *
 * <p>{@link #handleDynamodbEvent} needs {@code com.amazonaws:aws-lambda-java-events} on the test class path (an
 * optional dependency, as for {@link StreamRuntime}); it has a name of its own so that a test of the byte path
 * compiles and runs without that library. Not thread-safe: one test at a time. Close it to close its clients.
 */
public final class HandlerTestDriver implements AutoCloseable {
    /** The function's name, as Lambda sets it in {@code AWS_LAMBDA_FUNCTION_NAME} unless the variables set it. */
    public static final String FUNCTION_NAME = "stream-function";
    /** The instant the driver's clock starts at, that of {@code StreamEvent}'s creation times. */
    public static final String START = "2026-11-20T12:00:00Z";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = ManualClock.at(START);
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<SdkClient> sdkClients = new ArrayList<>();
    private final LoopbackAws aws;
    private final StreamRuntime runtime;
    private final String functionName;

    private HandlerTestDriver(StreamApp app, LoopbackAws aws, Map<String, String> variables, EffectLedger ledgerOrNull) {
        Objects.requireNonNull(app, "app");
        this.aws = Objects.requireNonNull(aws, "aws");
        Map<String, String> env = new HashMap<>(Objects.requireNonNull(variables, "variables"));
        env.putIfAbsent(RuntimeSettings.AWS_LAMBDA_FUNCTION_NAME, FUNCTION_NAME);
        env.putIfAbsent(RuntimeSettings.AWS_REGION, LoopbackAws.REGION.id());
        this.functionName = env.get(RuntimeSettings.AWS_LAMBDA_FUNCTION_NAME);
        AwsClients clients = AwsClients.builder().firehose(client(FirehoseClient.builder()))
                .sns(client(SnsClient.builder())).eventBridge(client(EventBridgeClient.builder()))
                .lambda(client(LambdaClient.builder())).sqs(client(SqsClient.builder()))
                .dynamoDb(client(DynamoDbClient.builder())).build();
        StreamEnvironment environment = StreamEnvironment.of(env, clients, clock, new AdvancingSleeper(clock),
                RetryPolicy.DEFAULT, log::add);
        try {
            StreamEnvironment inMemoryState = environment.withStateStore(InMemoryStateStore::new);
            if (ledgerOrNull != null) {
                this.runtime = app.create(inMemoryState.withLedger(ledgerOrNull));
            } else {
                this.runtime = app.create(inMemoryState.withLedger(new InMemoryEffectLedger()));
                requireLedgerTable(environment);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Assembles {@code app} on {@code variables} (the function's environment variables, as the template sets them)
     * and clients at {@code aws}; the effect ledger is in memory. Fails as the deployed function would: naming a
     * required variable that is missing, or {@code LEDGER_TABLE_NAME} when a route is ledgered and it is not set.
     */
    public static HandlerTestDriver start(StreamApp app, LoopbackAws aws, Map<String, String> variables) {
        return new HandlerTestDriver(app, aws, variables, null);
    }

    /** As {@link #start(StreamApp, LoopbackAws, Map)}, with {@code ledger} as the effect ledger. */
    public static HandlerTestDriver start(StreamApp app, LoopbackAws aws, Map<String, String> variables,
                                          EffectLedger ledger) {
        return new HandlerTestDriver(app, aws, variables, Objects.requireNonNull(ledger, "ledger"));
    }

    /**
     * One invocation of the {@code RequestStreamHandler}: the event's JSON bytes in; returns the batch item failures
     * Lambda is told (the sequence numbers to retry from; empty when the batch is done). A batch that fails as a
     * whole throws, as the function then does.
     */
    public List<String> handle(byte[] eventJson) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        runtime.handle(new ByteArrayInputStream(Objects.requireNonNull(eventJson, "eventJson")), response, context());
        List<String> failures = new ArrayList<>();
        read(response.toString(StandardCharsets.UTF_8)).get("batchItemFailures")
                .forEach(f -> failures.add(f.get("itemIdentifier").asText()));
        return failures;
    }

    /** {@link #handle(byte[])} on the event's JSON text, e.g. {@code StreamEvent.of(...)} or a file's content. */
    public List<String> handle(String eventJson) {
        return handle(Objects.requireNonNull(eventJson, "eventJson").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One invocation of a {@code RequestHandler<DynamodbEvent, StreamsEventResponse>}, such as {@code StreamHandler}:
     * {@code event} as Lambda's runtime deserializes it ({@code LambdaEventSerializers}). Needs
     * {@code aws-lambda-java-events} on the class path.
     */
    public StreamsEventResponse handleDynamodbEvent(DynamodbEvent event) {
        return runtime.handle(Objects.requireNonNull(event, "event"), context());
    }

    /** Every line the function logged, in order. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /**
     * The topology's outline ({@code Topology.describe()}) from the line the runtime logged once when it was
     * assembled: routes, filters, sinks, ledgered routes and the images each needs.
     */
    public String topologyLine() {
        List<JsonNode> lines = lines("topology");
        if (lines.size() != 1) {
            throw new IllegalStateException("expected one topology line in the function's log, found "
                    + lines.size() + ": " + log());
        }
        return lines.get(0).get("topology").asText();
    }

    /** Each invocation's summary line ({@code "kind":"batch"}: records, routes, sinks, dead letters), in order. */
    public List<JsonNode> summaries() {
        return lines("batch");
    }

    /**
     * The EMF lines (CloudWatch embedded metric format) logged, in order: each names its metrics under
     * {@code _aws.CloudWatchMetrics} (namespace {@code streampipe/<function name>} by default) and carries their
     * values and dimensions as fields, e.g. {@code {"Route":"low-stock","Records":1,...}}.
     */
    public List<JsonNode> metricLines() {
        return json().stream().filter(j -> j.has("_aws")).toList();
    }

    /** The loopback endpoint the function's clients call. */
    public LoopbackAws aws() {
        return aws;
    }

    /** The function's clock; retry waits advance it, and a test may too. */
    public ManualClock clock() {
        return clock;
    }

    /** The assembled runtime, e.g. for {@code runtime().topology()}. */
    public StreamRuntime runtime() {
        return runtime;
    }

    /** Closes the function's SDK clients (not the loopback endpoint). */
    @Override
    public void close() {
        sdkClients.forEach(SdkClient::close);
    }

    /** Lambda's context of one invocation: the function's name, five minutes on the driver's clock, its log. */
    private InvocationContext context() {
        return new InvocationContext(functionName, TIMEOUT, clock, log::add);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(B builder) {
        // As in Lambda (URLConnection, per-attempt timeouts, SDK retries off), then region, credentials and endpoint
        // of the loopback.
        C client = aws.client(AwsClients.configure(builder, LoopbackAws.REGION, AnonymousCredentialsProvider.create()));
        sdkClients.add(client);
        return client;
    }

    private void requireLedgerTable(StreamEnvironment environment) {
        List<String> ledgered = runtime.topology().routes().stream().filter(Route::ledgered).map(Route::name).toList();
        if (!ledgered.isEmpty() && environment.settings().ledgerTable().isEmpty()) {
            throw new IllegalStateException("environment variable " + RuntimeSettings.LEDGER_TABLE_NAME
                    + " is required: routes " + ledgered + " are ledgered (the driver keeps the ledger in memory, the"
                    + " deployed function in that table); add it to the variables of " + functionName);
        }
    }

    private List<JsonNode> lines(String kind) {
        return json().stream().filter(j -> kind.equals(j.path("kind").asText())).toList();
    }

    /** The logged lines that are JSON objects (a log sink may write other text). */
    private List<JsonNode> json() {
        List<JsonNode> out = new ArrayList<>();
        log().stream().flatMap(String::lines).filter(l -> l.startsWith("{")).forEach(l -> {
            try {
                out.add(JSON.readTree(l));
            } catch (IOException notJson) {
                // a log sink's text that only starts like JSON: not one of the runtime's lines
            }
        });
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the function's response is not JSON: " + json, e);
        }
    }
}
