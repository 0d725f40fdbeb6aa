package dev.streampipe.examples.orders;

import static dev.streampipe.core.topology.Predicates.attributeChanged;
import static dev.streampipe.core.topology.Predicates.eventName;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.topology.FifoOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.RecordPredicate;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.Topology;
import java.util.Map;
import java.util.Optional;

/**
 * An orders table (partition key {@code PK} = {@code ORDER#<id>}; sort keys {@code ORDER#<id>}, {@code ITEM#<n>},
 * {@code PAYMENT#<n>}): every change to analytics; an order whose status changed to EventBridge
 * ({@code OrderStatusChanged}); a payment that failed to SNS ({@code event_type} attribute,
 * a subject for email subscribers, FIFO ids by order). Both effects are ledgered: sent once per change.
 */
public final class OrdersTopology {
    public static final String ANALYTICS_SINK = "analytics";
    public static final String ORDER_EVENTS_SINK = "order-events";
    public static final String PAYMENT_ALERTS_SINK = "payment-alerts";

    private OrdersTopology() {
    }

    public static Topology create() {
        Predicates p = Predicates.forSchema(KeySchema.DEFAULT);
        RecordPredicate paymentFailed = RecordPredicate.named("status = FAILED",
                r -> r.newImage().flatMap(i -> i.string("status")).map("FAILED"::equals).orElse(false));
        return Topology.builder()
                .orderedBy(KeySchema.DEFAULT.partitionKey())
                .multicast(Route.named("every-change-to-analytics").to(ANALYTICS_SINK).mapping(OrdersTopology::change))
                .split("by-entity")
                .branch(p.sortKeyPrefix("ORDER#").and(attributeChanged("status")),
                        Route.named("publish-order-status").to(ORDER_EVENTS_SINK).ledgered().needsNewImage()
                                .needsOldImage().mapping(OrdersTopology::statusChanged))
                .branch(p.sortKeyPrefix("PAYMENT#").and(eventName(EventName.INSERT, EventName.MODIFY))
                                .and(paymentFailed),
                        Route.named("alert-payment-failure").to(PAYMENT_ALERTS_SINK).ledgered().needsNewImage()
                                .mapping(OrdersTopology::paymentFailed))
                .noDefaultBranch()
                .build();
    }

    static Optional<Payload> change(ChangeRecord r) {
        return Optional.of(Payload.of(json("eventId", r.eventId(), "eventName", r.eventName().name(),
                "pk", key(r, "PK"), "sk", key(r, "SK"))));
    }

    static Optional<Payload> statusChanged(ChangeRecord r) {
        String from = r.oldImage().orElseThrow().string("status").orElse(null);
        String to = r.newImage().orElseThrow().string("status").orElse(null);
        return Optional.of(Payload.of(json("orderId", key(r, "PK"), "from", from, "to", to))
                .with(EventBridgeOptions.detailType("OrderStatusChanged")));
    }

    static Optional<Payload> paymentFailed(ChangeRecord r) {
        String reason = r.newImage().orElseThrow().string("reason").orElse("unknown");
        String orderId = key(r, "PK");
        return Optional.of(Payload.of(json("orderId", orderId, "payment", key(r, "SK"), "reason", reason))
                .with(SnsOptions.attributes(Map.of("event_type", "payment_failed")).subject(subject(orderId)))
                // On a FIFO topic, alerts of one order stay in order and a redelivered change is sent once.
                .with(FifoOptions.group(orderId).deduplicationId(r.eventId())));
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

    private static String json(String... namesAndValues) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append(dev.streampipe.core.json.JsonStrings.quote(namesAndValues[i]))
                    .append(':').append(namesAndValues[i + 1] == null ? "null"
                            : dev.streampipe.core.json.JsonStrings.quote(namesAndValues[i + 1]));
        }
        return sb.append('}').toString();
    }
}
