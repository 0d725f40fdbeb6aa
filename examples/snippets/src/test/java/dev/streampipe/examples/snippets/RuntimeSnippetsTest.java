package dev.streampipe.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The runtime snippets of docs/runtime.md build from an environment as the docs say (no network call). */
class RuntimeSnippetsTest {
    private static final Map<String, String> RUNTIME = Map.of(
            "DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
            "LEDGER_TABLE_NAME", "ledger");
    private final AwsClients clients = clients();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.close();
    }

    @Test
    void shouldWireEverySinkWhenTheEnvironmentNamesThem() {
        // GIVEN an environment naming every sink's resource
        Map<String, String> env = new HashMap<>(RUNTIME);
        env.putAll(Map.of("ANALYTICS_DELIVERY_STREAM", "a", "ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:1:t",
                "EVENT_BUS_NAME", "bus", "ENRICH_FUNCTION_NAME", "enrich", "SUMMARY_FUNCTION_NAME", "summary"));

        // WHEN the sinks snippet builds its runtime
        StreamRuntime runtime = RuntimeSnippets.everySink(environment(env));

        // THEN every sink the topology names is there, and the outline was logged once
        assertThat(runtime.topology().sinks())
                .containsExactly("analytics", "alerts", "events", "enrich", "summaries", "audit");
        assertThat(log).singleElement().asString().contains("\"kind\":\"topology\"");
    }

    @Test
    void shouldBuildTheInventoryWhenTheStreamAppIsGivenItsVariables() {
        // GIVEN the inventory's variables
        Map<String, String> env = new HashMap<>(RUNTIME);
        env.putAll(Map.of("ANALYTICS_DELIVERY_STREAM", "a", "REORDER_TOPIC_ARN", "arn:aws:sns:us-east-1:1:t",
                "STOCK_EVENT_BUS", "inventory"));

        // WHEN the StreamApp creates its runtime
        StreamRuntime runtime = RuntimeSnippets.INVENTORY.create(environment(env));

        // THEN it runs the inventory topology
        assertThat(runtime.topology().sinks()).containsExactly("analytics", "reorder-alerts", "stock-events");
    }

    @Test
    void shouldFailNamingTheVariableWhenTheLedgerTableIsMissing() {
        // GIVEN the inventory's variables without LEDGER_TABLE_NAME (a route is ledgered)
        Map<String, String> env = new HashMap<>(RUNTIME);
        env.remove("LEDGER_TABLE_NAME");
        env.putAll(Map.of("ANALYTICS_DELIVERY_STREAM", "a", "REORDER_TOPIC_ARN", "arn:aws:sns:us-east-1:1:t",
                "STOCK_EVENT_BUS", "inventory"));

        // WHEN / THEN
        assertThatThrownBy(() -> RuntimeSnippets.INVENTORY.create(environment(env)))
                .hasMessageContaining("LEDGER_TABLE_NAME").hasMessageContaining("low-stock");
    }

    @Test
    void shouldReadDefaultsAndFailNamingTheVariableWhenSettingsAreRead() {
        // GIVEN / WHEN / THEN
        Map<String, String> env = new HashMap<>(RUNTIME);
        env.put("STOCK_EVENT_BUS", "inventory");
        assertThat(RuntimeSnippets.settings(environment(env))).isEqualTo("inventory example.inventory 0");

        env.put("REORDER_MARGIN", "ten");
        assertThatThrownBy(() -> RuntimeSnippets.settings(environment(env))).hasMessageContaining("REORDER_MARGIN");

        env.remove("STOCK_EVENT_BUS");
        assertThatThrownBy(() -> RuntimeSnippets.settings(environment(env)))
                .hasMessage("environment variable STOCK_EVENT_BUS is required");
    }

    @Test
    void shouldFailNamingTheVariableWhenTheDeadLetterQueueIsMissing() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> environment(Map.of()))
                .hasMessage("environment variable DEAD_LETTER_QUEUE_URL is required");
    }

    private StreamEnvironment environment(Map<String, String> env) {
        return StreamEnvironment.of(env, clients, Clock.systemUTC(), Sleeper.REAL, RetryPolicy.DEFAULT, log::add);
    }

    /** SDK clients that never connect: nothing here calls AWS. */
    static AwsClients clients() {
        Region region = Region.US_EAST_1;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        URI nowhere = URI.create("http://127.0.0.1:9");
        return AwsClients.builder()
                .firehose(AwsClients.configure(FirehoseClient.builder(), region, credentials)
                        .endpointOverride(nowhere).build())
                .sns(AwsClients.configure(SnsClient.builder(), region, credentials).endpointOverride(nowhere).build())
                .eventBridge(AwsClients.configure(EventBridgeClient.builder(), region, credentials)
                        .endpointOverride(nowhere).build())
                .lambda(AwsClients.configure(LambdaClient.builder(), region, credentials)
                        .endpointOverride(nowhere).build())
                .sqs(AwsClients.configure(SqsClient.builder(), region, credentials).endpointOverride(nowhere).build())
                .dynamoDb(AwsClients.configure(DynamoDbClient.builder(), region, credentials)
                        .endpointOverride(nowhere).build())
                .build();
    }
}
