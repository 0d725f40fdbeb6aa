package dev.streampipe.examples.snippets.inventory;

import dev.streampipe.core.state.Aggregation;
import dev.streampipe.core.state.TimeWindows;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.items.ItemType;
import dev.streampipe.items.TypedChange;
import java.time.Duration;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The inventory table's state (docs/state.md): units and SKUs in stock per warehouse, kept as the table changes, and
 * units sold per warehouse in 15-minute windows, each window's total sent once when it closes.
 */
// tag::topology[]
public final class StockTopology {
    public static final String STOCK_LEVELS_SINK = "stock-levels";
    public static final String SALES_SINK = "sales-windows";

    static final ItemType<InventoryItem> ITEMS = ItemType.of(TableSchema.fromBean(InventoryItem.class));

    private StockTopology() {
    }

    public static Topology create() {
        return Topology.builder()
                .orderedBy("sku")
                // groupBy(..).count() over the items: INSERT adds, REMOVE subtracts, MODIFY moves between groups
                .aggregate(Aggregation.table("stock-by-warehouse")
                        .where("not discontinued", ITEMS.matching(i -> !"DISCONTINUED".equals(i.getStatus())))
                        .groupBy("warehouse", ITEMS.value(InventoryItem::getWarehouse))
                        .count()
                        .sum("units", ITEMS.longValue(StockTopology::units))
                        .writeShards(4)
                        .to(STOCK_LEVELS_SINK)
                        .build())
                // windowedBy(..).aggregate(..) over the changes, final value only (suppress until the window closes)
                .aggregate(Aggregation.windowed("units-sold",
                                TimeWindows.ofSize(Duration.ofMinutes(15)).grace(Duration.ofMinutes(2)))
                        .where(ITEMS.where("quantity fell", StockTopology::sold))
                        .groupBy("warehouse", r -> ITEMS.change(r).requireNewItem().getWarehouse())
                        .sum("units", r -> unitsSold(ITEMS.change(r)))
                        .to(SALES_SINK)
                        .ledgered()
                        .build())
                .build();
    }

    private static long units(InventoryItem item) {
        return item.getQuantity() == null ? 0 : item.getQuantity();
    }

    private static boolean sold(TypedChange<InventoryItem> c) {
        return c.oldItem().isPresent() && c.newItem().isPresent() && unitsSold(c) > 0;
    }

    private static long unitsSold(TypedChange<InventoryItem> c) {
        return units(c.requireOldItem()) - units(c.requireNewItem());
    }
}
// end::topology[]
