package dev.streampipe.examples.snippets.inventory;

import static dev.streampipe.testing.StreamEvent.insert;
import static dev.streampipe.testing.StreamEvent.modify;
import static dev.streampipe.testing.StreamEvent.remove;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.testing.PipelineTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

// tag::driver-test[]
class StockTopologyTest {
    private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");
    private final PipelineTestDriver driver = new PipelineTestDriver(StockTopology.create(), NOON);

    @Test
    void shouldKeepStockPerWarehouseAndSendEachWindowsSalesOnceWhenItCloses() {
        // GIVEN tea and coffee stocked in W1
        driver.pipe(insert("sku", "tea", "warehouse", "W1").newImage("quantity", 12, "status", "ACTIVE"),
                insert("sku", "coffee", "warehouse", "W1").newImage("quantity", 5, "status", "ACTIVE"));

        // WHEN 4 teas sell at 12:03 (delivered twice, as Lambda may), coffee is removed, and stream time passes 12:17
        var sale = modify("sku", "tea", "warehouse", "W1").createdAt(NOON.plusSeconds(180))
                .oldImage("quantity", 12, "status", "ACTIVE").newImage("quantity", 8, "status", "ACTIVE");
        driver.pipe(sale);
        driver.pipe(sale);
        driver.pipe(remove("sku", "coffee", "warehouse", "W1").createdAt(NOON.plusSeconds(200))
                .oldImage("quantity", 5, "status", "ACTIVE"));
        driver.advanceStreamTime(Duration.ofMinutes(15));

        // THEN W1 holds one SKU of 8 units, and the 12:00 window's sales went out once: 4 units
        assertThat(driver.store("stock-by-warehouse").get("W1")).contains(Map.of("count", 1L, "units", 8L));
        assertThat(driver.store("units-sold").get("W1", NOON)).contains(Map.of("units", 4L));
        assertThat(driver.sink(StockTopology.SALES_SINK).bodies()).containsExactly(
                "{\"aggregation\":\"units-sold\",\"group\":\"W1\",\"windowStart\":\"2026-11-20T12:00:00Z\","
                        + "\"windowEnd\":\"2026-11-20T12:15:00Z\",\"units\":4}");
    }
}
// end::driver-test[]
