package dev.streampipe.examples.snippets.inventory;

import static dev.streampipe.testing.StreamEvent.modify;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.aws.lambda.InvocationContext;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.StreamEvent;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The handler as Lambda runs it, with real SDK clients on the loopback AWS endpoint (docs/testing.md). */
class InventoryHandlerLoopbackTest {
    // tag::extension[]
    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension(); // a fresh endpoint per test
    // end::extension[]

    @Test
    void shouldRetryTheFailedEntryAndPublishTheAlertWhenTheHandlerRunsOnRealClients() {
        // GIVEN / WHEN / THEN
        // tag::loopback[]
        List<String> log = new ArrayList<>(); // the runtime's log lines
        LoopbackAws aws = loopback.aws();
        aws.firehose().failEntriesAt(Set.of(0), "ServiceUnavailableException", 1); // entry 0 of the first call
        Map<String, String> env = Map.of(
                "ANALYTICS_DELIVERY_STREAM", "inventory-analytics",
                "REORDER_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:reorder",
                "STOCK_EVENT_BUS", "inventory",
                "DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/inventory-dlq");
        AwsClients clients = AwsClients.builder() // no Lambda sink; the ledger below is in memory: no DynamoDB
                .firehose(aws.client(FirehoseClient.builder())).sns(aws.client(SnsClient.builder()))
                .eventBridge(aws.client(EventBridgeClient.builder())).sqs(aws.client(SqsClient.builder())).build();
        StreamEnvironment environment = StreamEnvironment.of(env, clients, Clock.systemUTC(), Sleeper.REAL,
                RetryPolicy.DEFAULT, log::add).withLedger(new InMemoryEffectLedger()); // the loopback has no DynamoDB
        InventoryHandler handler = new InventoryHandler(InventoryHandler.runtime(environment));

        ByteArrayOutputStream response = new ByteArrayOutputStream();
        String event = StreamEvent.of(modify("sku", "tea", "warehouse", "W1")
                .oldImage("quantity", 12).newImage("quantity", 8));
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(UTF_8)), response,
                InvocationContext.of("inventory", Duration.ofMinutes(1)));

        assertThat(response.toString(UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(aws.calls("Firehose", "PutRecordBatch")).isEqualTo(2); // the failed entry, sent again
        assertThat(aws.sns().accepted()).singleElement()
                .satisfies(m -> assertThat(m.attribute("event_type")).isEqualTo("low_stock"));
        assertThat(aws.unexpected()).isEmpty();
        // end::loopback[]
        assertThat(log).anySatisfy(line -> assertThat(line).contains("\"kind\":\"batch\""));
        clients.close();
    }
}
