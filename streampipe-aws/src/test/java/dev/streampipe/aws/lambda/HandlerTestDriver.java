package dev.streampipe.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.testing.AdvancingSleeper;
import dev.streampipe.testing.ManualClock;
import dev.streampipe.testing.aws.LoopbackAws;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs a {@link StreamApp} as deployed, in a test: the app assembles its runtime from an environment map (the
 * variables the template gives the function, plus {@code AWS_LAMBDA_FUNCTION_NAME} as Lambda sets it) the way
 * {@link StreamRuntime#fromEnvironment} does, on real SDK clients pointed at a {@link LoopbackAws}; each invocation
 * goes through one of the two handler entry points with a Lambda context of five minutes. The driver keeps every
 * line the function logs (the topology line at assembly, each batch's summary and EMF lines, what log sinks write)
 * and the loopback keeps what each service received. Time is a {@link ManualClock} that only retry waits move.
 *
 * <pre>{@code
 * try (HandlerTestDriver function = HandlerTestDriver.start(OrdersApp::create, aws, Map.of(
 *         "DEAD_LETTER_QUEUE_URL", queueUrl, "ANALYTICS_DELIVERY_STREAM", "analytics"))) {
 *     List<String> failures = function.handle(eventJson);
 *     assertThat(function.summaries()).singleElement().satisfies(s -> assertThat(s.get("records").asInt()).isEqualTo(3));
 *     assertThat(aws.firehose().receivedLines()).hasSize(3);
 * }
 * }</pre>
 */
final class HandlerTestDriver implements AutoCloseable {
    static final String FUNCTION_NAME = "stream-function";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManualClock clock = ManualClock.at("2026-11-20T15:00:00Z");
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final LoopbackAws aws;
    private final AwsClients clients;
    private final StreamRuntime runtime;

    private HandlerTestDriver(StreamApp app, LoopbackAws aws, Map<String, String> variables, EffectLedger ledgerOrNull) {
        this.aws = aws;
        this.clients = AwsClients.builder().firehose(aws.client(FirehoseClient.builder()))
                .sns(aws.client(SnsClient.builder())).eventBridge(aws.client(EventBridgeClient.builder()))
                .lambda(aws.client(LambdaClient.builder())).sqs(aws.client(SqsClient.builder()))
                .dynamoDb(aws.client(DynamoDbClient.builder())).build();
        Map<String, String> env = new HashMap<>(variables);
        env.putIfAbsent("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
        env.putIfAbsent("AWS_REGION", LoopbackAws.REGION.id());
        StreamEnvironment environment = StreamEnvironment.of(env, clients, clock, new AdvancingSleeper(clock),
                RetryPolicy.DEFAULT, log::add);
        this.runtime = app.create(ledgerOrNull == null ? environment : environment.withLedger(ledgerOrNull));
    }

    /** {@code app} assembled on {@code variables} (the function's environment) and {@code aws}'s endpoint. */
    static HandlerTestDriver start(StreamApp app, LoopbackAws aws, Map<String, String> variables) {
        return new HandlerTestDriver(app, aws, variables, null);
    }

    /** The same, with the effect ledger {@code ledger} instead of the DynamoDB table the environment names. */
    static HandlerTestDriver start(StreamApp app, LoopbackAws aws, Map<String, String> variables, EffectLedger ledger) {
        return new HandlerTestDriver(app, aws, variables, ledger);
    }

    /** One invocation of a {@code RequestStreamHandler}: the event's bytes; returns the batch item failures. */
    List<String> handle(byte[] eventJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        runtime.handle(new ByteArrayInputStream(eventJson), out, context());
        List<String> failures = new ArrayList<>();
        read(out.toString(StandardCharsets.UTF_8)).get("batchItemFailures")
                .forEach(f -> failures.add(f.get("itemIdentifier").asText()));
        return failures;
    }

    /** One invocation of a {@code RequestHandler<DynamodbEvent, StreamsEventResponse>}. */
    StreamsEventResponse handle(DynamodbEvent event) {
        return runtime.handle(event, context());
    }

    private InvocationContext context() {
        return new InvocationContext(FUNCTION_NAME, Duration.ofMinutes(5), clock, log::add);
    }

    /** Every line the function logged, in order. */
    List<String> log() {
        return List.copyOf(log);
    }

    /** The logged JSON lines of {@code kind} ({@code topology}, {@code batch}, ...). */
    List<JsonNode> lines(String kind) {
        return log().stream().filter(l -> l.startsWith("{")).map(HandlerTestDriver::read)
                .filter(j -> kind.equals(j.path("kind").asText())).toList();
    }

    /** Each invocation's summary line. */
    List<JsonNode> summaries() {
        return lines("batch");
    }

    /** The EMF lines (CloudWatch embedded metric format) logged. */
    List<JsonNode> metricLines() {
        return log().stream().filter(l -> l.startsWith("{")).map(HandlerTestDriver::read)
                .filter(j -> j.has("_aws")).toList();
    }

    LoopbackAws aws() {
        return aws;
    }

    StreamRuntime runtime() {
        return runtime;
    }

    ManualClock clock() {
        return clock;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        clients.close();
    }
}
