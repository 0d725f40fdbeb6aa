package dev.streampipe.examples.orders;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.topology.FifoOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.items.Field;
import dev.streampipe.items.ItemType;
import dev.streampipe.items.TypedChange;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An orders table (partition key {@code PK} = {@code ORDER#<id>}; sort keys {@code ORDER#<id>}, {@code ITEM#<n>},
 * {@code PAYMENT#<n>}): every change to analytics; an order whose status changed to EventBridge
 * ({@code OrderStatusChanged}); a payment that became FAILED to SNS ({@code event_type} attribute, a subject for
 * email subscribers, FIFO ids by order). Both effects are ledgered: sent once per change. Items are read as the
 * {@link Order} and {@link Payment} beans; payloads are records the runtime writes as JSON.
 */
public final class OrdersTopology {
    public static final String ANALYTICS_SINK = "analytics";
    public static final String ORDER_EVENTS_SINK = "order-events";
    public static final String PAYMENT_ALERTS_SINK = "payment-alerts";

    static final ItemType<Order> ORDER = ItemType.of(TableSchema.fromBean(Order.class));
    static final ItemType<Payment> PAYMENT = ItemType.of(TableSchema.fromBean(Payment.class));
    static final Field<Order, String> ORDER_STATUS = ORDER.field("status", Order::getStatus);
    static final Field<Payment, String> PAYMENT_STATUS = PAYMENT.field("status", Payment::getStatus);

    /** What analytics gets for every change. */
    record Change(String eventId, String eventName, String pk, String sk) {
    }

    /** The {@code OrderStatusChanged} event's detail. */
    record StatusChanged(String orderId, String from, String to) {
    }

    /** The payment alert's message. */
    record PaymentFailed(String orderId, String payment, BigDecimal amount, String reason) {
    }

    private OrdersTopology() {
    }

    public static Topology create() {
        Predicates p = Predicates.forSchema(KeySchema.DEFAULT);
        return Topology.builder()
                .orderedBy(KeySchema.DEFAULT.partitionKey())
                .multicast(Route.named("every-change-to-analytics").to(ANALYTICS_SINK).mapping(r -> Optional.of(
                        Payload.json(new Change(r.eventId(), r.eventName().name(), key(r, "PK"), key(r, "SK"))))))
                .filter(p.sortKeyPrefix("ORDER#").and(ORDER_STATUS.changed()))
                .to(Route.named("publish-order-status").to(ORDER_EVENTS_SINK).ledgered().needsNewImage()
                        .needsOldImage().mapping(ORDER.mapper(c -> Payload.json(new StatusChanged(
                                key(c.record(), "PK"), c.requireOldItem().getStatus(), c.requireNewItem().getStatus()))
                                .with(EventBridgeOptions.detailType("OrderStatusChanged")))))
                .filter(p.sortKeyPrefix("PAYMENT#").and(PAYMENT_STATUS.becomes("FAILED")))
                .to(Route.named("alert-payment-failure").to(PAYMENT_ALERTS_SINK).ledgered().needsNewImage()
                        .mapping(PAYMENT.mapper(OrdersTopology::paymentFailed)))
                .build();
    }

    static Payload paymentFailed(TypedChange<Payment> c) {
        String orderId = key(c.record(), "PK");
        Payment payment = c.requireNewItem();
        String reason = Optional.ofNullable(payment.getReason()).orElse("unknown");
        return Payload.json(new PaymentFailed(orderId, key(c.record(), "SK"), payment.getAmount(), reason))
                .with(SnsOptions.attributes(Map.of("event_type", "payment_failed")).subject(subject(orderId)))
                // On a FIFO topic, alerts of one order stay in order and a redelivered change is sent once.
                .with(FifoOptions.group(orderId).deduplicationId(c.record().eventId()));
    }

    /** An email-friendly subject: SNS takes at most 100 characters. */
    static String subject(String orderId) {
        String subject = "Payment failed for " + orderId;
        return subject.length() <= SnsOptions.MAX_SUBJECT_LENGTH ? subject
                : subject.substring(0, SnsOptions.MAX_SUBJECT_LENGTH);
    }

    private static String key(ChangeRecord r, String name) {
        return r.keys().keyText(name).orElse(null);
    }
}
