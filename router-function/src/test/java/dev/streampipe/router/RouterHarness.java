package dev.streampipe.router;

import dev.streampipe.aws.lambda.InvocationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.state.InMemoryStateStore;
import dev.streampipe.testing.AdvancingSleeper;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.ManualClock;
import dev.streampipe.testing.PipelineTestDriver;
import dev.streampipe.testing.aws.LoopbackAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A {@link RouterHandler} wired by {@link RouterWiring} to real SDK clients on a {@link LoopbackAws} (and, for the
 * ledger, moto or an in-memory ledger), on a manual clock that only retries move. Close it after use.
 */
final class RouterHarness implements AutoCloseable {
    static final String STREAM = "streampipe-analytics";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:streampipe-handoffs";
    static final String BUS = "streampipe-sessions";
    static final String SOURCE = "streampipe.sessions";
    static final String FUNCTION = "streampipe-summary";
    static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/streampipe-router-dlq";
    static final ObjectMapper JSON = new ObjectMapper();

    final ManualClock clock = ManualClock.at("2026-11-20T15:00:00Z");
    final AdvancingSleeper sleeper = new AdvancingSleeper(clock);
    final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    /** The aggregations' state, in memory. */
    final InMemoryStateStore state = RouterWiring.inMemoryStateStore(SessionSchema.DEFAULT);
    private final AwsClients clients;
    private final boolean ownsDynamoDb;
    private final RouterHandler handler;

    /** Ledger on moto: {@code ddb} and {@code ledgerTable}. */
    RouterHarness(LoopbackAws aws, DynamoDbClient ddb, String ledgerTable, RetryPolicy retry) {
        this.clients = clients(aws, ddb);
        this.ownsDynamoDb = false;
        this.handler = new RouterHandler(RouterWiring.router(StreamEnvironment.of(environment(ledgerTable), clients,
                clock, sleeper, retry, logLines::add), state));
    }

    /** Ledger in memory; no DynamoDB call is made. */
    RouterHarness(LoopbackAws aws, EffectLedger ledger, RetryPolicy retry) {
        this.clients = clients(aws, aws.client(DynamoDbClient.builder()));
        this.ownsDynamoDb = true;
        this.handler = new RouterHandler(RouterWiring.router(StreamEnvironment.of(environment("unused-ledger"), clients,
                clock, sleeper, retry, logLines::add).withLedger(ledger), state));
    }

    RouterHarness(LoopbackAws aws) {
        this(aws, new InMemoryEffectLedger(), RetryPolicy.DEFAULT);
    }

    private static AwsClients clients(LoopbackAws aws, DynamoDbClient ddb) {
        return AwsClients.builder().firehose(aws.client(FirehoseClient.builder())).sns(aws.client(SnsClient.builder()))
                .eventBridge(aws.client(EventBridgeClient.builder())).lambda(aws.client(LambdaClient.builder()))
                .sqs(aws.client(SqsClient.builder())).dynamoDb(ddb).build();
    }

    /**
     * The router's environment as the template sets it (the state table named too, though the harness gives the
     * router its state store: {@link #state}).
     */
    static Map<String, String> environment(String ledgerTable) {
        return Map.of("ANALYTICS_DELIVERY_STREAM", STREAM, "HANDOFF_TOPIC_ARN", TOPIC, "EVENT_BUS_NAME", BUS,
                "EVENT_SOURCE", SOURCE, "SUMMARY_FUNCTION_NAME", FUNCTION, "DEAD_LETTER_QUEUE_URL", QUEUE,
                "LEDGER_TABLE_NAME", ledgerTable, "STATE_TABLE_NAME", "streampipe-router-state",
                "LEDGER_TTL_HOURS", "48", "MAX_CONCURRENT_CALLS", "8");
    }

    /** Runs one event through {@code handleRequest} with five minutes left; returns the response JSON. */
    JsonNode handle(byte[] event) {
        return handle(event, InvocationContext.of("streampipe-router", Duration.ofMinutes(5), clock));
    }

    JsonNode handle(byte[] event, InvocationContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        return read(out.toString(StandardCharsets.UTF_8));
    }

    /** The {@code itemIdentifier}s of a response. */
    static List<String> failures(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.get("batchItemFailures").forEach(f -> ids.add(f.get("itemIdentifier").asText()));
        return ids;
    }

    static byte[] eventFile(String name) {
        try {
            return Files.readAllBytes(PipelineTestDriver.event(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event's records as JSON. */
    static List<JsonNode> records(byte[] event) {
        List<JsonNode> records = new ArrayList<>();
        read(new String(event, StandardCharsets.UTF_8)).get("Records").forEach(records::add);
        return records;
    }

    /** A Lambda event of the given records, as the event source mapping would deliver them. */
    static byte[] event(List<JsonNode> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(array::add);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sequenceNumber(JsonNode record) {
        return record.get("dynamodb").get("SequenceNumber").asText();
    }

    @Override
    public void close() {
        clients.firehose().close();
        clients.sns().close();
        clients.eventBridge().close();
        clients.lambda().close();
        clients.sqs().close();
        if (ownsDynamoDb) {
            clients.dynamoDb().close();
        }
    }
}
