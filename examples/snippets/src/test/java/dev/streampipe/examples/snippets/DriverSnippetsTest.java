package dev.streampipe.examples.snippets;

import static dev.streampipe.testing.StreamEvent.insert;
import static dev.streampipe.testing.StreamEvent.modify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.examples.snippets.inventory.InventoryTopology;
import dev.streampipe.testing.PipelineTestDriver;
import dev.streampipe.testing.StreamEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The test driver's snippets of docs/testing.md, run: faults per sink, the budget, the ledger, event files. */
class DriverSnippetsTest {
    private final PipelineTestDriver driver = new PipelineTestDriver(InventoryTopology.create());

    @Test
    void shouldDeliverAfterTwoFailuresWhenASinkFailsRetryablyTwice() {
        // GIVEN / WHEN / THEN
        // tag::fail-retryably[]
        driver.sink("reorder-alerts").failRetryably(2); // every message fails twice, then goes through
        BatchResult result = driver.pipe(stockFallsBelowReorderPoint());
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.sink("reorder-alerts").attempts()).isEqualTo(3); // retried in the sink
        assertThat(driver.sleeper().sleeps()).isEqualTo(2); // each wait moved the driver's clock
        // end::fail-retryably[]
    }

    @Test
    void shouldRetryTheCallWhenASinkIsThrottled() {
        // GIVEN / WHEN / THEN
        // tag::throttle[]
        driver.sink("analytics").throttle(); // the next call fails as a whole, as a throttling error does
        driver.pipe(stockFallsBelowReorderPoint());
        assertThat(driver.sink("analytics").attempts()).isEqualTo(2);
        assertThat(driver.sink("analytics").messages()).hasSize(1);
        // end::throttle[]
    }

    @Test
    void shouldDeadLetterForThatRouteOnlyWhenASinkRejectsPermanently() {
        // GIVEN / WHEN / THEN
        // tag::reject[]
        driver.sink("stock-events").rejectPermanently("detail too large");
        BatchResult result = driver.pipe(modify("sku", "tea", "warehouse", "W1")
                .oldImage("status", "ACTIVE").newImage("status", "DISCONTINUED"));
        assertThat(result.deadLettered("discontinued")).isEqualTo(1);
        assertThat(driver.deadLetters().letters()).singleElement()
                .satisfies(letter -> assertThat(letter.reason()).contains("detail too large"));
        assertThat(driver.sink("analytics").messages()).hasSize(1); // the record's other routes ran
        assertThat(result.batchItemFailures()).isEmpty(); // poison never fails the batch
        // end::reject[]
    }

    @Test
    void shouldReportTheRecordForRedeliveryWhenTheBudgetLeavesNoTimeToRetry() {
        // GIVEN / WHEN / THEN
        // tag::budget[]
        driver.invocationBudget(Duration.ofSeconds(1)); // the Lambda invocation's remaining time
        driver.sink("analytics").failRetryably(1);
        BatchResult result = driver.pipe(stockFallsBelowReorderPoint());
        assertThat(result.batchItemFailures()).containsExactly("100100000000"); // Lambda delivers it again
        // end::budget[]
    }

    @Test
    void shouldRecordTheEffectKeyWhenALedgeredRouteDelivers() {
        // GIVEN / WHEN / THEN
        // tag::ledger[]
        driver.pipe(stockFallsBelowReorderPoint());
        assertThat(driver.ledger().entries()).singleElement().asString().endsWith("#low-stock"); // <eventID>#<route>
        // end::ledger[]
    }

    @Test
    void shouldRouteEveryRecordOfAnEventFileWhenPiped() {
        // GIVEN / WHEN / THEN
        // tag::pipe-file[]
        BatchResult result = driver.pipeFile(PipelineTestDriver.event("mixed-batch.json")); // events/mixed-batch.json
        assertThat(result.records()).isEqualTo(140);
        assertThat(driver.sink("analytics").messages()).hasSize(140);
        // end::pipe-file[]
    }

    @Test
    void shouldDeadLetterTheWholeRecordWhenItCannotBeDecoded() {
        // GIVEN / WHEN / THEN
        // tag::undecodable[]
        BatchResult result = driver.pipe(StreamEvent.verbatim("{\"eventID\":\"e-1\",\"eventName\":\"INSERT\"}"),
                insert("sku", "tea", "warehouse", "W1").newImage("quantity", 3, "status", "DISCONTINUED"));
        assertThat(result.deadLettered(BatchResult.UNDECODABLE)).isEqualTo(1);
        assertThat(driver.sink("stock-events").messages()).hasSize(1); // the other record went through
        // end::undecodable[]
    }

    private static StreamEvent.Record stockFallsBelowReorderPoint() {
        return modify("sku", "tea", "warehouse", "W1").oldImage("quantity", 12).newImage("quantity", 8);
    }
}
