package dev.streampipe.examples.orders;

import static dev.streampipe.testing.StreamEvent.insert;
import static dev.streampipe.testing.StreamEvent.modify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.testing.PipelineTestDriver;
import dev.streampipe.testing.StreamEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrdersTopologyTest {
    private final PipelineTestDriver driver = new PipelineTestDriver(OrdersTopology.create());

    @Test
    void shouldPublishOrderStatusChangedWhenAnOrdersStatusChanges() {
        // GIVEN an order shipped
        String event = StreamEvent.of(modify("PK", "ORDER#1", "SK", "ORDER#1")
                .oldImage("status", "PLACED").newImage("status", "SHIPPED"));

        // WHEN it is piped
        driver.pipe(event);

        // THEN one event on the bus, and the change in analytics
        assertThat(driver.sink(OrdersTopology.ORDER_EVENTS_SINK).messages()).singleElement().satisfies(m -> {
            assertThat(m.eventBridge()).contains(EventBridgeOptions.detailType("OrderStatusChanged"));
            assertThat(m.body()).isEqualTo("{\"orderId\":\"ORDER#1\",\"from\":\"PLACED\",\"to\":\"SHIPPED\"}");
        });
        assertThat(driver.sink(OrdersTopology.ANALYTICS_SINK).messages()).hasSize(1);
    }

    @Test
    void shouldAlertOnceWhenAPaymentFailsAndTheBatchIsDeliveredAgain() {
        // GIVEN a failed payment, an item and a paid payment
        String event = StreamEvent.of(
                insert("PK", "ORDER#2", "SK", "PAYMENT#1").newImage("status", "FAILED", "reason", "card_declined"),
                insert("PK", "ORDER#2", "SK", "ITEM#1").newImage("sku", "tea", "quantity", 2),
                insert("PK", "ORDER#2", "SK", "PAYMENT#2").newImage("status", "PAID"));

        // WHEN it is delivered twice
        BatchResult first = driver.pipe(event);
        BatchResult second = driver.pipe(event);

        // THEN one alert (the ledger skips the repeat), every change twice in analytics
        assertThat(driver.sink(OrdersTopology.PAYMENT_ALERTS_SINK).messages()).singleElement()
                .satisfies(m -> {
                    assertThat(m.body()).contains("card_declined");
                    assertThat(m.sns().messageAttributes()).containsExactly(Map.entry("event_type", "payment_failed"));
                    assertThat(m.sns().subjectOrNull()).isEqualTo("Payment failed for ORDER#2");
                    assertThat(m.fifo()).hasValueSatisfying(f -> assertThat(f.groupId()).isEqualTo("ORDER#2"));
                });
        assertThat(second.sink(OrdersTopology.PAYMENT_ALERTS_SINK).skipped()).isEqualTo(1);
        assertThat(driver.sink(OrdersTopology.ANALYTICS_SINK).messages()).hasSize(6);
        assertThat(first.batchItemFailures()).isEmpty();
    }

    @Test
    void shouldOnlyReachAnalyticsWhenAnItemChanges() {
        BatchResult result = driver.pipe(StreamEvent.of(modify("PK", "ORDER#3", "SK", "ITEM#1")
                .oldImage("quantity", 1).newImage("quantity", 2)));

        assertThat(result.routed("every-change-to-analytics")).isEqualTo(1);
        assertThat(result.routed("publish-order-status") + result.routed("alert-payment-failure")).isZero();
        assertThat(driver.sink(OrdersTopology.ORDER_EVENTS_SINK).messages()).isEmpty();
    }

    @Test
    void shouldNameEveryRouteAndSinkWhenDescribed() {
        assertThat(OrdersTopology.create().describe())
                .contains("publish-order-status", "-> order-events [ledgered]", "when SK begins with \"PAYMENT#\"",
                        "status = FAILED", "no default branch");
    }
}
