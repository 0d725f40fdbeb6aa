package dev.streampipe.examples.snippets.inventory;

import static dev.streampipe.testing.StreamEvent.modify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.testing.StreamEvent;
import dev.streampipe.testing.aws.HandlerTestDriver;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The handler as deployed, with real SDK clients on the loopback AWS endpoint (docs/testing.md). */
class InventoryHandlerLoopbackTest {
    // tag::extension[]
    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension(); // a fresh endpoint per test
    // end::extension[]

    @Test
    void shouldRetryTheFailedEntryAndPublishTheAlertWhenTheHandlerRunsOnRealClients() {
        // GIVEN / WHEN / THEN
        // tag::loopback[]
        LoopbackAws aws = loopback.aws();
        aws.firehose().failEntriesAt(Set.of(0), "ServiceUnavailableException", 1); // entry 0 of the first call
        Map<String, String> variables = Map.of( // the function's environment, as the template sets it
                "ANALYTICS_DELIVERY_STREAM", "inventory-analytics",
                "REORDER_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:reorder",
                "STOCK_EVENT_BUS", "inventory",
                "DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/inventory-dlq",
                "LEDGER_TABLE_NAME", "inventory-ledger"); // the driver keeps the ledger in memory
        try (HandlerTestDriver function = HandlerTestDriver.start(InventoryHandler::runtime, aws, variables)) {
            List<String> failures = function.handle(StreamEvent.of(modify("sku", "tea", "warehouse", "W1")
                    .oldImage("quantity", 12).newImage("quantity", 8)));

            assertThat(failures).isEmpty(); // Lambda's batchItemFailures
            assertThat(aws.calls("Firehose", "PutRecordBatch")).isEqualTo(2); // the failed entry, sent again
            assertThat(aws.sns().accepted()).singleElement()
                    .satisfies(m -> assertThat(m.attribute("event_type")).isEqualTo("low_stock"));
            assertThat(aws.unexpected()).isEmpty();
            // what the function logged: its topology once, then a summary line and EMF metrics per batch
            assertThat(function.topologyLine()).contains("filter low-stock -> reorder-alerts [ledgered]");
            assertThat(function.summaries()).singleElement()
                    .satisfies(s -> assertThat(s.get("route.low-stock").asInt()).isEqualTo(1));
            assertThat(function.metricLines()).anySatisfy(m -> {
                assertThat(m.path("Route").asText()).isEqualTo("low-stock");
                assertThat(m.path("Records").asInt()).isEqualTo(1);
            });
        }
        // end::loopback[]
    }

    @Test
    void shouldSummarizeTheBatchInTheFunctionsMetricNamespaceWhenItIsHandled() {
        // GIVEN the function on the template's variables
        Map<String, String> variables = Map.of("ANALYTICS_DELIVERY_STREAM", "inventory-analytics",
                "REORDER_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:reorder", "STOCK_EVENT_BUS", "inventory",
                "DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/inventory-dlq",
                "LEDGER_TABLE_NAME", "inventory-ledger");
        try (HandlerTestDriver function = HandlerTestDriver.start(InventoryHandler::runtime, loopback.aws(),
                variables)) {

            // WHEN an item is discontinued
            function.handle(StreamEvent.of(modify("sku", "tea", "warehouse", "W1")
                    .oldImage("status", "ACTIVE").newImage("status", "DISCONTINUED")));

            // THEN one summary line, and every metric in the namespace of the function's name
            assertThat(function.summaries()).singleElement().satisfies(s -> {
                assertThat(s.get("records").asInt()).isEqualTo(1);
                assertThat(s.get("route.discontinued").asInt()).isEqualTo(1);
            });
            assertThat(function.metricLines()).isNotEmpty().allSatisfy(m -> assertThat(m.get("_aws")
                    .get("CloudWatchMetrics").get(0).get("Namespace").asText())
                    .isEqualTo("streampipe/" + HandlerTestDriver.FUNCTION_NAME));
            assertThat(loopback.aws().eventBridge().accepted()).singleElement()
                    .satisfies(e -> assertThat(e.source()).isEqualTo("example.inventory"));
        }
    }
}
