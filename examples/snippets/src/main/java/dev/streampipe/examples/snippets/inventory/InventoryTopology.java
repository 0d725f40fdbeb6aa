package dev.streampipe.examples.snippets.inventory;

import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.items.Field;
import dev.streampipe.items.ItemType;
import dev.streampipe.items.TypedChange;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An inventory table's topology (keys {@code sku} and {@code warehouse}; {@link InventoryItem}): every change to
 * analytics, a page when an item's quantity falls below {@value #LOW_STOCK} (SNS, once per change: ledgered), an
 * {@code ItemDiscontinued} event when its status becomes {@code DISCONTINUED} (EventBridge, ledgered). Pure: no AWS.
 */
// tag::topology[]
public final class InventoryTopology {
    public static final String ANALYTICS_SINK = "analytics";
    public static final String REORDER_ALERTS_SINK = "reorder-alerts";
    public static final String STOCK_EVENTS_SINK = "stock-events";
    static final int LOW_STOCK = 10;

    static final ItemType<InventoryItem> ITEMS = ItemType.of(TableSchema.fromBean(InventoryItem.class));
    static final Field<InventoryItem, Integer> QUANTITY = ITEMS.field("quantity", InventoryItem::getQuantity);
    static final Field<InventoryItem, String> STATUS = ITEMS.field("status", InventoryItem::getStatus);

    private InventoryTopology() {
    }

    public static Topology create() {
        return Topology.builder()
                .orderedBy("sku")
                .multicast(Route.named("every-change").to(ANALYTICS_SINK)
                        .mapping(ITEMS.mapper(InventoryTopology::change)))
                .filter(QUANTITY.crossesBelow(LOW_STOCK))
                .to(Route.named("low-stock").to(REORDER_ALERTS_SINK).ledgered().needsNewImage()
                        .mapping(ITEMS.mapper(InventoryTopology::lowStock)))
                .filter(STATUS.becomes("DISCONTINUED"))
                .to(Route.named("discontinued").to(STOCK_EVENTS_SINK).ledgered().needsNewImage()
                        .mapping(ITEMS.mapper(InventoryTopology::discontinued)))
                .build();
    }
    // end::topology[]

    // tag::mappers[]
    /** What analytics gets: the change and the item after it (before it, for a removal). */
    record Change(String eventId, String eventName, InventoryItem item) {
    }

    record LowStock(String sku, String warehouse, int quantity) {
    }

    record Discontinued(String sku, String warehouse) {
    }

    static Change change(TypedChange<InventoryItem> c) {
        return new Change(c.record().eventId(), c.eventName().name(), c.newItem().or(c::oldItem).orElse(null));
    }

    static Payload lowStock(TypedChange<InventoryItem> c) {
        InventoryItem item = c.requireNewItem();
        return Payload.json(new LowStock(item.getSku(), item.getWarehouse(), item.getQuantity()))
                .with(SnsOptions.attributes(Map.of("event_type", "low_stock")).subject("Low stock: " + item.getSku()));
    }

    static Payload discontinued(TypedChange<InventoryItem> c) {
        InventoryItem item = c.requireNewItem();
        return Payload.json(new Discontinued(item.getSku(), item.getWarehouse()))
                .with(EventBridgeOptions.detailType("ItemDiscontinued"));
    }
    // end::mappers[]
    // tag::topology[]
}
// end::topology[]
