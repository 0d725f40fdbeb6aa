package dev.streampipe.examples.orders;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class OrdersHandlerTest {
    private static final Map<String, String> ENV = Map.of("ANALYTICS_DELIVERY_STREAM", "orders-analytics",
            "ORDER_EVENT_BUS", "orders", "PAYMENT_ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:payments",
            "DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/orders-dlq",
            "LEDGER_TABLE_NAME", "orders-ledger");

    @Test
    void shouldWireEverySinkAndLogTheTopologyOnceWhenBuiltFromTheEnvironment() {
        // GIVEN SDK clients that never connect (no Lambda client: the topology sends nothing to Lambda)
        List<String> log = new ArrayList<>();
        AwsClients clients = clients();

        // WHEN the runtime is built as the handler's no-argument constructor builds it
        StreamRuntime runtime = OrdersHandler.runtime(StreamEnvironment.of(ENV, clients, Clock.systemUTC(),
                Sleeper.REAL, RetryPolicy.DEFAULT, log::add));

        // THEN it runs the orders topology, and its outline was logged once
        assertThat(new OrdersHandler(runtime)).isNotNull();
        assertThat(runtime.topology().sinks()).containsExactly("analytics", "order-events", "payment-alerts");
        assertThat(log).singleElement().asString().contains("\"kind\":\"topology\"", "publish-order-status");
        clients.close();
    }

    @Test
    void shouldNameTheVariableWhenTheBusIsNotConfigured() {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.remove("ORDER_EVENT_BUS");

        assertThatThrownBy(() -> OrdersHandler.runtime(StreamEnvironment.of(env, clients(), Clock.systemUTC(),
                Sleeper.REAL, RetryPolicy.DEFAULT, line -> { })))
                .hasMessageContaining("ORDER_EVENT_BUS");
    }

    private static AwsClients clients() {
        Region region = Region.US_EAST_1;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        URI nowhere = URI.create("http://127.0.0.1:9");
        return AwsClients.builder()
                .firehose(AwsClients.configure(FirehoseClient.builder(), region, credentials)
                        .endpointOverride(nowhere).build())
                .sns(AwsClients.configure(SnsClient.builder(), region, credentials).endpointOverride(nowhere).build())
                .eventBridge(AwsClients.configure(EventBridgeClient.builder(), region, credentials)
                        .endpointOverride(nowhere).build())
                .sqs(AwsClients.configure(SqsClient.builder(), region, credentials).endpointOverride(nowhere).build())
                .dynamoDb(AwsClients.configure(DynamoDbClient.builder(), region, credentials)
                        .endpointOverride(nowhere).build())
                .build();
    }
}
