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
                insert("PK", "ORDER#2", "SK", "PAYMENT#1").newImage("status", "FAILED", "reason", "card_declined",
                        "amount", 12.5),
                insert("PK", "ORDER#2", "SK", "ITEM#1").newImage("sku", "tea", "quantity", 2),
                insert("PK", "ORDER#2", "SK", "PAYMENT#2").newImage("status", "PAID"));

        // WHEN it is delivered twice
        BatchResult first = driver.pipe(event);
        BatchResult second = driver.pipe(event);

        // THEN one alert (the ledger skips the repeat), every change twice in analytics
        assertThat(driver.sink(OrdersTopology.PAYMENT_ALERTS_SINK).messages()).singleElement()
                .satisfies(m -> {
                    assertThat(m.body()).isEqualTo("{\"orderId\":\"ORDER#2\",\"payment\":\"PAYMENT#1\",\"amount\":12.5,"
                            + "\"reason\":\"card_declined\"}");
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
                .contains("filter publish-order-status -> order-events [ledgered]",
                        "when SK begins with \"PAYMENT#\" and status becomes \"FAILED\"");
    }

    @Test
    void shouldNotAlertAgainWhenAFailedPaymentChangesWithoutChangingStatus() {
        // GIVEN a payment that was FAILED and stays FAILED (its reason is corrected)
        driver.pipe(StreamEvent.of(modify("PK", "ORDER#4", "SK", "PAYMENT#1")
                .oldImage("status", "FAILED", "reason", "?").newImage("status", "FAILED", "reason", "expired")));

        // THEN no second alert: the status did not become FAILED with this change
        assertThat(driver.sink(OrdersTopology.PAYMENT_ALERTS_SINK).messages()).isEmpty();
    }

    @Test
    void shouldDeadLetterForTheAlertRouteOnlyWhenAPaymentsAmountIsNotANumber() {
        // GIVEN a failed payment whose amount a buggy writer stored as text
        BatchResult result = driver.pipe(StreamEvent.of(insert("PK", "ORDER#5", "SK", "PAYMENT#1")
                .newImage("status", "FAILED", "amount", "ten")));

        // THEN analytics has it, the alert route dead-letters it naming the attribute, and the batch succeeds
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.sink(OrdersTopology.ANALYTICS_SINK).messages()).hasSize(1);
        assertThat(driver.deadLetters().letters()).singleElement().satisfies(l -> {
            assertThat(l.routeOrNull()).isEqualTo("alert-payment-failure");
            assertThat(l.reason()).contains("NewImage as Payment: attribute 'amount' (S) does not map");
        });
    }
}
