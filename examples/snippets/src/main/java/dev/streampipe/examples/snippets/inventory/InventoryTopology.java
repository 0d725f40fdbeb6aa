package dev.streampipe.examples.snippets.inventory;

import static dev.streampipe.core.topology.Predicates.attributeChanged;
import static dev.streampipe.core.topology.Predicates.eventName;

import dev.streampipe.core.json.JsonText;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.Topology;
import java.util.Map;
import java.util.Optional;

/**
 * An inventory table's topology (partition key {@code PK} = {@code SKU#<sku>}; sort keys {@code STOCK}, the current
 * level with {@code on_hand} and {@code reorder_point}, and {@code MOVE#<time>}, one stock movement each): every
 * change to analytics, a stock level that falls below its reorder point to an SNS topic (once per change: ledgered),
 * a stock movement to EventBridge as {@code StockMoved}. Pure: no AWS.
 */
// tag::topology[]
public final class InventoryTopology {
    public static final String ANALYTICS_SINK = "analytics";
    public static final String REORDER_ALERTS_SINK = "reorder-alerts";
    public static final String STOCK_EVENTS_SINK = "stock-events";

    private InventoryTopology() {
    }

    public static Topology create() {
        Predicates p = Predicates.forSchema(KeySchema.DEFAULT); // PK and SK
        return Topology.builder()
                .orderedBy(KeySchema.DEFAULT.partitionKey())
                .multicast(Route.named("every-change").to(ANALYTICS_SINK).mapping(InventoryTopology::change))
                .split("by-item")
                .branch(p.sortKeyEquals("STOCK").and(attributeChanged("on_hand")),
                        Route.named("reorder-alert").to(REORDER_ALERTS_SINK).ledgered()
                                .needsNewImage().needsOldImage().mapping(InventoryTopology::reorderAlert))
                .branch(p.sortKeyPrefix("MOVE#").and(eventName(EventName.INSERT)),
                        Route.named("stock-moved").to(STOCK_EVENTS_SINK).needsNewImage()
                                .mapping(InventoryTopology::stockMoved))
                .noDefaultBranch()
                .build();
    }
    // end::topology[]

    // tag::mappers[]
    static Optional<Payload> change(ChangeRecord r) {
        return Optional.of(Payload.of(JsonText.object()
                .field("eventId", r.eventId())
                .field("eventName", r.eventName().name())
                .field("pk", r.keys().keyText("PK").orElse(null))
                .field("sk", r.keys().keyText("SK").orElse(null))
                .end()));
    }

    /** An alert only when this change takes the level from at or above the reorder point to below it. */
    static Optional<Payload> reorderAlert(ChangeRecord r) {
        long before = onHand(r.oldImage().orElseThrow());
        long after = onHand(r.newImage().orElseThrow());
        long reorderPoint = r.newImage().orElseThrow().number("reorder_point")
                .orElseThrow(() -> new PoisonRecordException("STOCK item has no 'reorder_point'")).longValue();
        if (before < reorderPoint || after >= reorderPoint) {
            return Optional.empty(); // nothing to send for this record
        }
        String sku = r.keys().keyText("PK").orElseThrow();
        return Optional.of(Payload.of(JsonText.object().field("sku", sku).field("onHand", after)
                        .field("reorderPoint", reorderPoint).end())
                .with(SnsOptions.attributes(Map.of("event_type", "reorder")).subject("Reorder " + sku)));
    }

    static Optional<Payload> stockMoved(ChangeRecord r) {
        Item move = r.newImage().orElseThrow();
        return Optional.of(Payload.of(JsonText.object()
                        .field("sku", r.keys().keyText("PK").orElseThrow())
                        .field("quantity", move.number("quantity")
                                .orElseThrow(() -> new PoisonRecordException("MOVE item has no 'quantity'"))
                                .longValue())
                        .end())
                .with(EventBridgeOptions.detailType("StockMoved")));
    }

    private static long onHand(Item stock) {
        return stock.number("on_hand").orElseThrow(() -> new PoisonRecordException("STOCK item has no 'on_hand'"))
                .longValue();
    }
    // end::mappers[]
    // tag::topology[]
}
// end::topology[]
