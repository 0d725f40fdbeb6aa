package dev.streampipe.examples.snippets.inventory;

import static dev.streampipe.testing.StreamEvent.insert;
import static dev.streampipe.testing.StreamEvent.modify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.testing.PipelineTestDriver;
import dev.streampipe.testing.StreamEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

// tag::driver-test[]
class InventoryTopologyTest {
    private final PipelineTestDriver driver = new PipelineTestDriver(InventoryTopology.create());

    @Test
    void shouldAlertOnceWhenStockFallsBelowTheReorderPointAndTheBatchIsDeliveredAgain() {
        // GIVEN the stock of SKU#42 falling from 12 to 8, its reorder point 10
        String event = StreamEvent.of(modify("PK", "SKU#42", "SK", "STOCK")
                .oldImage("on_hand", 12, "reorder_point", 10)
                .newImage("on_hand", 8, "reorder_point", 10));

        // WHEN the event is delivered twice (Lambda redelivers after a failure)
        BatchResult first = driver.pipe(event);
        BatchResult second = driver.pipe(event);

        // THEN one alert (the effect ledger skips the repeat), the change twice in analytics
        assertThat(driver.sink(InventoryTopology.REORDER_ALERTS_SINK).messages()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("{\"sku\":\"SKU#42\",\"onHand\":8,\"reorderPoint\":10}");
            assertThat(m.sns().subjectOrNull()).isEqualTo("Reorder SKU#42");
        });
        assertThat(second.sink(InventoryTopology.REORDER_ALERTS_SINK).skipped()).isEqualTo(1);
        assertThat(driver.sink(InventoryTopology.ANALYTICS_SINK).messages()).hasSize(2);
        assertThat(first.batchItemFailures()).isEmpty();
    }
    // end::driver-test[]

    @Test
    void shouldSendNothingToTheAlertsWhenTheLevelStaysAtOrAboveTheReorderPoint() {
        // GIVEN a stock level falling from 15 to 10, its reorder point 10
        String event = StreamEvent.of(modify("PK", "SKU#7", "SK", "STOCK")
                .oldImage("on_hand", 15, "reorder_point", 10).newImage("on_hand", 10, "reorder_point", 10));

        // WHEN it is piped
        BatchResult result = driver.pipe(event);

        // THEN the route took the record and sent nothing
        assertThat(result.routed("reorder-alert")).isEqualTo(1);
        assertThat(driver.sink(InventoryTopology.REORDER_ALERTS_SINK).messages()).isEmpty();
    }

    @Test
    void shouldPublishStockMovedWhenAMovementIsInserted() {
        // GIVEN a stock movement
        String event = StreamEvent.of(insert("PK", "SKU#42", "SK", "MOVE#2026-11-20T12:00:00Z").newImage("quantity", -4));

        // WHEN it is piped
        driver.pipe(event);

        // THEN one StockMoved event
        assertThat(driver.sink(InventoryTopology.STOCK_EVENTS_SINK).messages()).singleElement().satisfies(m -> {
            assertThat(m.eventBridge()).contains(EventBridgeOptions.detailType("StockMoved"));
            assertThat(m.body()).isEqualTo("{\"sku\":\"SKU#42\",\"quantity\":-4}");
        });
    }

    @Test
    void shouldDeadLetterTheAlertRouteOnlyWhenTheReorderPointIsMissing() {
        // GIVEN a stock change without a reorder point
        String event = StreamEvent.of(modify("PK", "SKU#9", "SK", "STOCK")
                .oldImage("on_hand", 3).newImage("on_hand", 2));

        // WHEN it is piped
        BatchResult result = driver.pipe(event);

        // THEN the alert route dead-letters it, analytics still takes it, and the batch succeeds
        assertThat(result.deadLettered("reorder-alert")).isEqualTo(1);
        assertThat(driver.deadLetters().letters()).singleElement()
                .satisfies(l -> assertThat(l.reason()).contains("reorder_point"));
        assertThat(driver.sink(InventoryTopology.ANALYTICS_SINK).messages()).hasSize(1);
        assertThat(result.batchItemFailures()).isEmpty();
    }

    @Test
    void shouldPrintTheOutlineTheDocsShowWhenDescribed() throws Exception {
        // GIVEN the outline the docs show
        String shown = Files.readString(Path.of("src/test/resources/describe/inventory.txt"));

        // WHEN the topology describes itself
        String outline = InventoryTopology.create().describe();

        // THEN it is that text
        assertThat(outline).isEqualTo(shown);
    }
// tag::driver-test[]
}
// end::driver-test[]
