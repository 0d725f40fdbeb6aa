package dev.streampipe.examples.orders;

import static dev.streampipe.testing.StreamEvent.modify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.testing.StreamEvent;
import dev.streampipe.testing.aws.HandlerTestDriver;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The orders function as deployed: its handler's runtime on its environment, real SDK clients, the loopback. */
class OrdersHandlerTest {
    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    /** The function's environment variables, as the template sets them. */
    private static final Map<String, String> ENV = Map.of("ANALYTICS_DELIVERY_STREAM", "orders-analytics",
            "ORDER_EVENT_BUS", "orders", "PAYMENT_ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:payments",
            "DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/orders-dlq",
            "LEDGER_TABLE_NAME", "orders-ledger");

    @Test
    void shouldWireEverySinkAndLogTheTopologyOnceWhenBuiltFromTheEnvironment() {
        // GIVEN / WHEN the handler's runtime, assembled as the handler's no-argument constructor assembles it
        try (HandlerTestDriver function = HandlerTestDriver.start(OrdersHandler::runtime, loopback.aws(), ENV)) {

            // THEN it runs the orders topology, and its outline was logged once
            assertThat(new OrdersHandler(function.runtime())).isNotNull();
            assertThat(function.runtime().topology().sinks())
                    .containsExactly("analytics", "order-events", "payment-alerts");
            assertThat(function.log()).singleElement().asString().contains("\"kind\":\"topology\"");
            assertThat(function.topologyLine()).contains("filter publish-order-status -> order-events [ledgered]");
        }
    }

    @Test
    void shouldPutTheStatusChangeOnTheBusAndCountItWhenAnOrderShips() {
        // GIVEN the function as deployed
        LoopbackAws aws = loopback.aws();
        try (HandlerTestDriver function = HandlerTestDriver.start(OrdersHandler::runtime, aws, ENV)) {

            // WHEN Lambda delivers an order shipped
            List<String> failures = function.handle(StreamEvent.of(modify("PK", "ORDER#1", "SK", "ORDER#1")
                    .oldImage("status", "PLACED").newImage("status", "SHIPPED")));

            // THEN the bus got OrderStatusChanged from the handler's source, analytics the change ...
            assertThat(failures).isEmpty();
            assertThat(aws.eventBridge().accepted()).singleElement().satisfies(e -> {
                assertThat(e.eventBusName()).isEqualTo("orders");
                assertThat(e.source()).isEqualTo("example.orders");
                assertThat(e.detailType()).isEqualTo("OrderStatusChanged");
                assertThat(e.detail()).isEqualTo("{\"orderId\":\"ORDER#1\",\"from\":\"PLACED\",\"to\":\"SHIPPED\"}");
            });
            assertThat(aws.firehose().receivedLines()).hasSize(1);
            assertThat(aws.unexpected()).isEmpty();
            // ... and the function logged its summary and EMF metrics, as CloudWatch reads them
            assertThat(function.summaries()).singleElement()
                    .satisfies(s -> assertThat(s.get("route.publish-order-status").asInt()).isEqualTo(1));
            assertThat(function.metricLines()).anySatisfy(m -> {
                assertThat(m.path("Sink").asText()).isEqualTo("order-events");
                assertThat(m.path("Delivered").asInt()).isEqualTo(1);
            });
        }
    }

    @Test
    void shouldNameTheVariableWhenTheBusIsNotConfigured() {
        Map<String, String> env = new HashMap<>(ENV);
        env.remove("ORDER_EVENT_BUS");

        assertThatThrownBy(() -> HandlerTestDriver.start(OrdersHandler::runtime, loopback.aws(), env))
                .hasMessageContaining("ORDER_EVENT_BUS");
    }
}
