package dev.streampipe.examples.snippets;

import static dev.streampipe.testing.StreamEvent.insert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.SequenceNumber;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.topology.FifoOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.RecordPredicate;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.testing.PipelineTestDriver;
import dev.streampipe.testing.StreamEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What docs/topology.md says of its snippets: outlines, predicate descriptions, options, poison per route. */
class TopologySnippetsTest {
    @Test
    void shouldDescribeEachPredicateAsTheDocSaysWhenBuilt() {
        // GIVEN the predicates snippet
        Map<String, RecordPredicate> predicates = TopologySnippets.predicates();

        // WHEN each describes itself
        Map<String, String> described = new LinkedHashMap<>();
        predicates.forEach((name, p) -> described.put(name, p.describe()));

        // THEN the descriptions are the ones docs/topology.md lists
        assertThat(described).containsExactly(
                entry("stock", "SK = \"STOCK\""),
                entry("move", "SK begins with \"MOVE#\""),
                entry("inserted", "INSERT"),
                entry("written", "event in [INSERT, MODIFY]"),
                entry("levelChanged", "MODIFY changing on_hand"),
                entry("levelChangedOrUntellable", "MODIFY changing on_hand (or without both images)"),
                entry("large", "quantity > 100"),
                entry("largeMove", "SK begins with \"MOVE#\" and INSERT and quantity > 100"),
                entry("notStock", "not (SK = \"STOCK\")"),
                entry("stockOrMove", "(SK = \"STOCK\" or SK begins with \"MOVE#\")"));
    }

    @Test
    void shouldTakeTheDefaultBranchWhenNoBranchMatches() {
        // GIVEN the split with a default branch
        PipelineTestDriver driver = new PipelineTestDriver(TopologySnippets.splitWithDefault());

        // WHEN an order, an invoice update and a customer change are piped
        BatchResult result = driver.pipe(insert("tenant", "t-1", "entity", "ORDER#1").newImage("total", 3),
                StreamEvent.modify("tenant", "t-1", "entity", "INVOICE#1").newImage("total", 3),
                insert("tenant", "t-1", "entity", "CUSTOMER#1").newImage("name", "Ada"));

        // THEN the first branch that matches wins, and the rest is counted on the default route
        assertThat(result.routed("orders")).isEqualTo(1);
        assertThat(result.routed("new-invoices")).isZero();
        assertThat(result.routed("everything-else")).isEqualTo(2);
        assertThat(driver.sink("orders").messages()).hasSize(1);
        assertThat(TopologySnippets.splitWithDefault().describe())
                .contains("    default everything-else -> (nothing: counted only)\n");
    }

    @Test
    void shouldCarryEachSinksOptionsWhenPayloadsAreMade() {
        // GIVEN a record
        ChangeRecord record = new ChangeRecord("e-7", EventName.INSERT, SequenceNumber.of("100"), null, 0,
                Item.of(Map.of("PK", new AttributeValue.S("SKU#42"), "SK", new AttributeValue.S("MOVE#1"))),
                Optional.empty(), Optional.empty(), StreamViewType.NEW_AND_OLD_IMAGES, null, null, null);

        // WHEN the options snippet makes its payloads
        Map<String, Payload> payloads = TopologySnippets.payloads(record);

        // THEN each carries what its sink reads
        assertThat(payloads.get("toSns").sns().messageAttributes()).containsExactly(entry("event_type", "reorder"));
        assertThat(payloads.get("toSns").sns().subjectOrNull()).isEqualTo("Reorder SKU#42");
        assertThat(payloads.get("toFifo").fifo()).contains(FifoOptions.group("SKU#42").deduplicationId("e-7"));
        assertThat(payloads.get("toEventBridge").eventBridge()).hasValueSatisfying(o -> {
            assertThat(o.detailType()).isEqualTo("StockMoved");
            assertThat(o.sourceOrNull()).isEqualTo("acme.inventory");
        });
        assertThat(payloads.get("oncePerBatch").groupKey()).contains("SKU#42");
    }

    @Test
    void shouldFailNamingTheValueWhenAnOptionBreaksTheServicesRules() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> SnsOptions.none().subject("x".repeat(101))).hasMessageContaining("SNS subject");
        assertThatThrownBy(() -> SnsOptions.attributes(Map.of("AWS.type", "x")))
                .hasMessageContaining("'AWS.type'");
        assertThatThrownBy(() -> FifoOptions.group("g".repeat(129))).hasMessageContaining("FIFO message group id");
    }

    @Test
    void shouldDeadLetterThatRouteOnlyWhenAMapperSaysPoison() {
        // GIVEN the shipments route
        PipelineTestDriver driver = new PipelineTestDriver(TopologySnippets.shipments());

        // WHEN a good shipment, one without a carrier, one with a bad carrier and one with a number are piped
        BatchResult result = driver.pipe(insert("PK", "S#1", "SK", "S#1").newImage("carrier", "UPS"),
                insert("PK", "S#2", "SK", "S#2").newImage("weight", 2),
                insert("PK", "S#3", "SK", "S#3").newImage("carrier", "ups"),
                insert("PK", "S#4", "SK", "S#4").newImage("carrier", 7));

        // THEN one message, three dead letters with their reasons, and nothing to retry
        assertThat(driver.sink("shipments").bodies()).containsExactly("{\"carrier\":\"UPS\"}");
        assertThat(driver.deadLetters().letters()).extracting(l -> l.reason()).satisfiesExactly(
                r -> assertThat(r).contains("shipment has no 'carrier'"),
                r -> assertThat(r).contains("carrier must be 2..8 capital letters, was 'ups'"),
                r -> assertThat(r).contains("carrier"));
        assertThat(result.batchItemFailures()).isEmpty();
    }

    @Test
    void shouldTakeEveryFilterThatMatchesWhenConditionsOverlap() {
        // GIVEN the filters topology
        PipelineTestDriver driver = new PipelineTestDriver(TopologySnippets.filters());

        // WHEN a low-stock EU item, a removed item and a well-stocked item are piped
        driver.pipe(insert("sku", "A", "warehouse", "EU-1").eventId("event-1").newImage("quantity", 3),
                StreamEvent.remove("sku", "B", "warehouse", "US-1").eventId("event-2").oldImage("quantity", 50),
                insert("sku", "C", "warehouse", "US-2").newImage("quantity", 50));

        // THEN the low-stock item takes both filters and its split branch; describe() lists the filters
        assertThat(driver.sink("analytics").messages()).hasSize(3);
        assertThat(driver.sink("pages").bodies()).containsExactly("{\"eventId\":\"event-1\"}");
        assertThat(driver.sink("audit").messages()).extracting(m -> m.eventId()).containsExactly("event-1", "event-2");
        assertThat(driver.sink("eu").messages()).hasSize(1);
        assertThat(TopologySnippets.filters().describe())
                .contains("  filter low-stock -> pages  when quantity < 10\n")
                .contains("  filter audit -> audit  when (REMOVE or quantity < 10)\n");
    }
}
