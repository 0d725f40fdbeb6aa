package dev.streampipe.items;

import static dev.streampipe.items.Changes.insert;
import static dev.streampipe.items.Changes.modify;
import static dev.streampipe.items.Changes.remove;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.PipelineTestDriver;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * Typed items through the batch engine ({@link PipelineTestDriver}): predicates and mappers on the item class, each
 * image mapped once per record, and an image that does not map dead-lettered by the routes that read it only.
 */
class ItemsPipelineTest {

    /** What the low-stock route sends. */
    public record LowStockPage(String sku, int quantity) {
    }

    /**
     * A topology over {@code type}: every change audited without reading items, a snapshot of every new item, and a
     * page when the quantity crosses below 10.
     */
    private static Topology topology(ItemType<Inventory> type) {
        Field<Inventory, Integer> quantity = type.field("quantity", Inventory::quantity);
        return Topology.builder()
                .multicast(Route.named("audit").to("audit")
                        .mapping(r -> Optional.of(Payload.of(r.eventId()))))
                .multicast(Route.named("snapshot").to("snapshots")
                        .mapping(type.mapper(TypedChange::newItem)))
                .split("stock")
                .branch(quantity.crossesBelow(10), Route.named("low-stock").to("pages").needsNewImage()
                        .mapping(type.mapper(c -> new LowStockPage(c.requireNewItem().sku(),
                                c.requireNewItem().quantity()))))
                .noDefaultBranch()
                .build();
    }

    @Test
    void shouldSendTypedPayloadsAsJsonWhenTheQuantityCrossesBelow() {
        // GIVEN
        try (PipelineTestDriver driver = new PipelineTestDriver(topology(Inventory.TYPE))) {
            // WHEN
            BatchResult result = driver.pipe(modify().oldImage("quantity", 12, "status", "ACTIVE")
                    .newImage("quantity", 5, "status", "ACTIVE"));

            // THEN
            assertThat(result.batchItemFailures()).isEmpty();
            assertThat(driver.sink("pages").bodies()).containsExactly("{\"sku\":\"SKU-1\",\"quantity\":5}");
            assertThat(driver.sink("snapshots").bodies()).containsExactly(
                    "{\"sku\":\"SKU-1\",\"warehouse\":\"W1\",\"quantity\":5,\"status\":\"ACTIVE\"}");
            assertThat(driver.sink("audit").messages()).hasSize(1);
            assertThat(driver.deadLetters().letters()).isEmpty();
        }
    }

    @Test
    void shouldSendNothingWithoutFailingWhenTheRecordHasNoNewImage() {
        // GIVEN
        try (PipelineTestDriver driver = new PipelineTestDriver(topology(Inventory.TYPE))) {
            // WHEN a REMOVE (no new image: the predicate is false, the snapshot mapper returns empty)
            BatchResult result = driver.pipe(remove().oldImage("quantity", 3));

            // THEN
            assertThat(result.batchItemFailures()).isEmpty();
            assertThat(driver.sink("pages").messages()).isEmpty();
            assertThat(driver.sink("snapshots").messages()).isEmpty();
            assertThat(driver.sink("audit").messages()).hasSize(1);
            assertThat(driver.deadLetters().letters()).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterForTheReadingRoutesOnlyWhenAnImageDoesNotMap() {
        // GIVEN a batch of a record whose new quantity is a string, between two good ones
        try (PipelineTestDriver driver = new PipelineTestDriver(topology(Inventory.TYPE))) {
            // WHEN
            BatchResult result = driver.pipe(
                    insert().eventId("good-1").newImage("quantity", 3),
                    modify().eventId("bad").oldImage("quantity", 12).newImage("quantity", "several"),
                    insert().eventId("good-2").newImage("quantity", 4));

            // THEN the batch succeeds; audit (which reads no item) has all three; the good ones page and snapshot
            assertThat(result.batchItemFailures()).isEmpty();
            assertThat(driver.sink("audit").bodies()).containsExactly("good-1", "bad", "good-2");
            assertThat(driver.sink("pages").bodies()).containsExactly("{\"sku\":\"SKU-1\",\"quantity\":3}",
                    "{\"sku\":\"SKU-1\",\"quantity\":4}");
            assertThat(driver.sink("snapshots").messages()).hasSize(2);
            // ... and the bad one is dead-lettered by the snapshot route and the split, each saying why
            assertThat(driver.deadLetters().letters()).extracting(DeadLetter::eventIdOrNull).containsOnly("bad");
            Map<String, String> reasons = new java.util.TreeMap<>();
            driver.deadLetters().letters().forEach(l -> reasons.put(l.routeOrNull(), l.reason()));
            assertThat(reasons).containsOnlyKeys("snapshot", "stock");
            assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason)
                    .contains("NewImage as Inventory: attribute 'quantity' (S) does not map: ")
                    .contains("For input string: \"several\""));
        }
    }

    @Test
    void shouldMapEachImageOnceWhenSeveralRoutesReadIt() {
        // GIVEN a type over a counting schema, read by the split's predicate (both images) and two mappers (new)
        CountingSchema<Inventory> schema = new CountingSchema<>(TableSchema.fromImmutableClass(Inventory.class));
        try (PipelineTestDriver driver = new PipelineTestDriver(topology(ItemType.of(schema)))) {
            // WHEN
            driver.pipe(modify().oldImage("quantity", 12).newImage("quantity", 5));

            // THEN one mapping per image
            assertThat(driver.sink("pages").messages()).hasSize(1);
            assertThat(driver.sink("snapshots").messages()).hasSize(1);
            assertThat(schema.mappings).hasValue(2);
        }
    }

    @Test
    void shouldPassAPayloadThroughWhenTheMapperReturnsOne() {
        // GIVEN a mapper that returns a payload with SNS options
        Topology topology = Topology.builder()
                .multicast(Route.named("alerts").to("alerts").mapping(Inventory.TYPE.mapper(c -> Payload.of("low")
                        .with(SnsOptions.attributes(Map.of("event_type", "low"))))))
                .multicast(Route.named("quiet").to("quiet").mapping(Inventory.TYPE.mapper(c -> null)))
                .build();
        try (PipelineTestDriver driver = new PipelineTestDriver(topology)) {
            // WHEN
            driver.pipe(insert().newImage("quantity", 1));

            // THEN
            assertThat(driver.sink("alerts").bodies()).containsExactly("low");
            assertThat(driver.sink("alerts").messages().get(0).sns().messageAttributes()).containsEntry("event_type", "low");
            assertThat(driver.sink("quiet").messages()).isEmpty();
        }
    }

    @Test
    void shouldPrintEachPredicateWhenTheTopologyIsDescribed() {
        // WHEN
        String described = topology(Inventory.TYPE).describe();

        // THEN
        assertThat(described).contains("when quantity crosses below 10");
    }
}
