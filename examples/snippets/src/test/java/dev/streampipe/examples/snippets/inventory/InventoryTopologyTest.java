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
    void shouldPageOnceWhenQuantityFallsBelowTenAndTheBatchIsDeliveredAgain() {
        // GIVEN the quantity of tea in W1 falling from 12 to 8
        String event = StreamEvent.of(modify("sku", "tea", "warehouse", "W1")
                .oldImage("quantity", 12, "status", "ACTIVE")
                .newImage("quantity", 8, "status", "ACTIVE"));

        // WHEN the event is delivered twice (Lambda redelivers after a failure)
        BatchResult first = driver.pipe(event);
        BatchResult second = driver.pipe(event);

        // THEN one page (the effect ledger skips the repeat), the change twice in analytics
        assertThat(driver.sink(InventoryTopology.REORDER_ALERTS_SINK).messages()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("{\"sku\":\"tea\",\"warehouse\":\"W1\",\"quantity\":8}");
            assertThat(m.sns().subjectOrNull()).isEqualTo("Low stock: tea");
        });
        assertThat(second.sink(InventoryTopology.REORDER_ALERTS_SINK).skipped()).isEqualTo(1);
        assertThat(driver.sink(InventoryTopology.ANALYTICS_SINK).messages()).hasSize(2);
        assertThat(first.batchItemFailures()).isEmpty();
    }
// end::driver-test[]

    @Test
    void shouldNotPageWhenQuantityWasAlreadyBelowTen() {
        // GIVEN a quantity falling from 8 to 5 (the page went out when it crossed 10)
        driver.pipe(StreamEvent.of(modify("sku", "tea", "warehouse", "W1")
                .oldImage("quantity", 8).newImage("quantity", 5)));

        // THEN no page
        assertThat(driver.sink(InventoryTopology.REORDER_ALERTS_SINK).messages()).isEmpty();
    }

    @Test
    void shouldPageAndPublishWhenBothHappenInOneChange() {
        // GIVEN an item discontinued while its quantity drops to 0: both filters hold
        String event = StreamEvent.of(modify("sku", "mate", "warehouse", "W2")
                .oldImage("quantity", 30, "status", "ACTIVE").newImage("quantity", 0, "status", "DISCONTINUED"));

        // WHEN it is piped
        driver.pipe(event);

        // THEN a page and an ItemDiscontinued event
        assertThat(driver.sink(InventoryTopology.REORDER_ALERTS_SINK).messages()).hasSize(1);
        assertThat(driver.sink(InventoryTopology.STOCK_EVENTS_SINK).messages()).singleElement().satisfies(m -> {
            assertThat(m.eventBridge()).contains(EventBridgeOptions.detailType("ItemDiscontinued"));
            assertThat(m.body()).isEqualTo("{\"sku\":\"mate\",\"warehouse\":\"W2\"}");
        });
    }

    @Test
    void shouldSendTheItemToAnalyticsAsJsonWhenOneIsInserted() {
        // WHEN a new item is inserted
        driver.pipe(StreamEvent.of(insert("sku", "tea", "warehouse", "W1").eventId("event-1").newImage("quantity", 40)));

        // THEN analytics gets the change and the item, written by the runtime
        assertThat(driver.sink(InventoryTopology.ANALYTICS_SINK).bodies()).containsExactly("{\"eventId\":\"event-1\","
                + "\"eventName\":\"INSERT\",\"item\":{\"sku\":\"tea\",\"warehouse\":\"W1\",\"quantity\":40,"
                + "\"status\":null}}");
        assertThat(driver.sink(InventoryTopology.REORDER_ALERTS_SINK).messages()).isEmpty();
    }

    @Test
    void shouldDeadLetterForTheRoutesThatReadTheItemOnlyWhenQuantityIsNotANumber() {
        // GIVEN an item whose quantity a buggy writer stored as text
        String event = StreamEvent.of(modify("sku", "tea", "warehouse", "W1")
                .oldImage("quantity", 12).newImage("quantity", "eight"));

        // WHEN it is piped
        BatchResult result = driver.pipe(event);

        // THEN the routes that map the item dead-letter it, naming the attribute; the batch succeeds
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.deadLetters().letters()).extracting(l -> l.routeOrNull())
                .containsExactlyInAnyOrder("every-change", "low-stock", "discontinued");
        assertThat(driver.deadLetters().letters()).allSatisfy(l -> assertThat(l.reason())
                .contains("NewImage as InventoryItem: attribute 'quantity' (S) does not map"));
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
