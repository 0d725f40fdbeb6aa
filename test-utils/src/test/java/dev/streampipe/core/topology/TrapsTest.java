package dev.streampipe.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.testing.PipelineTestDriver;
import dev.streampipe.testing.StreamEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The mistakes a user's code can make on a record (reading an image the record lacks, a type mismatch in an accessor
 * or a predicate, a payload Jackson cannot write, a bug) are poison for the route that made them: the record is
 * dead-lettered for that route with the reason, every other route still takes it, and the batch succeeds.
 */
class TrapsTest {
    private static final Route ANALYTICS = Route.named("analytics").to("analytics")
            .mapping(r -> Optional.of(Payload.of(r.eventId())));

    private static StreamEvent.Record insert(String sku, Object... newImage) {
        return StreamEvent.insert("sku", sku, "warehouse", "W1").newImage(newImage);
    }

    private static BatchResult pipe(PipelineTestDriver driver, StreamEvent.Record... records) {
        return driver.pipe(records);
    }

    private static DeadLetter onlyLetter(PipelineTestDriver driver) {
        List<DeadLetter> letters = driver.deadLetters().letters();
        assertThat(letters).hasSize(1);
        return letters.get(0);
    }

    @Test
    void shouldDeadLetterForThatRouteOnlyWhenAMapperReadsAnImageTheRecordLacks() {
        // GIVEN a route that reads the old image without declaring it, and an INSERT (which has none)
        Topology topology = Topology.builder().multicast(ANALYTICS)
                .multicast(Route.named("was").to("changes").mapping(r -> Optional.of(Payload.of(
                        r.oldImage().orElseThrow().string("status").orElse("?")))))
                .build();
        try (PipelineTestDriver driver = new PipelineTestDriver(topology)) {
            // WHEN the batch runs
            BatchResult result = pipe(driver, insert("A", "status", "ACTIVE"));

            // THEN the batch succeeds, analytics has the record, and the letter names the missing image and the fix
            assertThat(result.batchItemFailures()).isEmpty();
            assertThat(driver.sink("analytics").messages()).hasSize(1);
            DeadLetter letter = onlyLetter(driver);
            assertThat(letter.routeOrNull()).isEqualTo("was");
            assertThat(letter.reason()).contains("java.util.NoSuchElementException")
                    .contains("the record has no OldImage (stream view type NEW_AND_OLD_IMAGES)")
                    .contains("needsOldImage()");
        }
    }

    @Test
    void shouldDeadLetterForThatRouteOnlyWhenAnAccessorMeetsAnotherType() {
        // GIVEN a route reading quantity as a number, and an item whose quantity is a string
        Topology topology = Topology.builder().multicast(ANALYTICS)
                .multicast(Route.named("stock").to("stock").mapping(r -> Optional.of(Payload.of(
                        r.newImage().orElseThrow().number("quantity").orElseThrow().value()))))
                .build();
        try (PipelineTestDriver driver = new PipelineTestDriver(topology)) {
            // WHEN the batch runs
            BatchResult result = pipe(driver, insert("A", "quantity", "ten"), insert("B", "quantity", 10));

            // THEN only the bad record is dead-lettered, for that route, naming the attribute and both types
            assertThat(result.batchItemFailures()).isEmpty();
            assertThat(onlyLetter(driver).reason()).isEqualTo("attribute 'quantity' must be N, was S");
            assertThat(driver.sink("stock").bodies()).containsExactly("10");
            assertThat(driver.sink("analytics").messages()).hasSize(2);
        }
    }

    @Test
    void shouldDeadLetterForTheFiltersRouteWhenItsPredicateMeetsAnotherType() {
        // GIVEN a filter whose predicate reads quantity as a number
        RecordPredicate lowStock = RecordPredicate.named("quantity below 10", r -> r.newImage()
                .flatMap(i -> i.number("quantity")).map(n -> n.longValue() < 10).orElse(false));
        Topology topology = Topology.builder().multicast(ANALYTICS)
                .filter(lowStock).to(Route.named("low-stock").to("pages").mapping(r -> Optional.of(Payload.of("low"))))
                .build();
        try (PipelineTestDriver driver = new PipelineTestDriver(topology)) {
            // WHEN a record carries quantity as a string
            BatchResult result = pipe(driver, insert("A", "quantity", "ten"), insert("B", "quantity", 3));

            // THEN it is poison for the filter's route only; the other record pages
            assertThat(result.batchItemFailures()).isEmpty();
            DeadLetter letter = onlyLetter(driver);
            assertThat(letter.routeOrNull()).isEqualTo("low-stock");
            assertThat(letter.reason()).isEqualTo("route 'low-stock' cannot test the record: attribute 'quantity'"
                    + " must be N, was S");
            assertThat(driver.sink("pages").messages()).hasSize(1);
            assertThat(driver.sink("analytics").messages()).hasSize(2);
        }
    }

    @Test
    void shouldDeadLetterForThatRouteOnlyWhenJacksonCannotWriteThePayload() {
        // GIVEN a route whose payload value Jackson cannot write (a getter that throws)
        Topology topology = Topology.builder().multicast(ANALYTICS)
                .multicast(Route.named("bad-json").to("events").mapping(r -> Optional.of(Payload.json(new Object() {
                    @SuppressWarnings("unused")
                    public String getValue() {
                        throw new IllegalStateException("no value");
                    }
                }))))
                .build();
        try (PipelineTestDriver driver = new PipelineTestDriver(topology)) {
            // WHEN the batch runs
            BatchResult result = pipe(driver, insert("A"));

            // THEN the letter says the payload cannot be written, and why
            assertThat(result.batchItemFailures()).isEmpty();
            assertThat(onlyLetter(driver).reason()).startsWith("route 'bad-json' cannot write its payload: cannot"
                    + " write a dev.streampipe.core.topology.TrapsTest$").contains("no value");
            assertThat(driver.sink("analytics").messages()).hasSize(1);
        }
    }

    /** What the low-stock route sends, written as JSON by the runtime. */
    record LowStock(String sku, long quantity, Instant at) {
    }

    @Test
    void shouldWriteARecordAsJsonWithTheTopologysObjectMapperWhenAMapperReturnsPayloadJson() {
        // GIVEN a route returning a record, and a topology whose mapper writes snake_case names
        Topology topology = Topology.builder()
                .objectMapper(Topology.defaultObjectMapper().setPropertyNamingStrategy(
                        PropertyNamingStrategies.SNAKE_CASE))
                .multicast(Route.named("stock").to("stock").mapping(r -> Optional.of(Payload.json(new LowStock(
                        r.keys().string("sku").orElseThrow(),
                        r.newImage().orElseThrow().number("quantity").orElseThrow().longValue(),
                        r.approximateCreationTime())))))
                .multicast(Route.named("raw").to("raw").mapping(r -> Optional.of(Payload.json(Map.of("id", 1)))))
                .build();
        try (PipelineTestDriver driver = new PipelineTestDriver(topology)) {
            // WHEN a record passes
            pipe(driver, insert("A", "quantity", 3).createdAt(Instant.parse("2026-12-01T10:00:00Z")));

            // THEN the sink gets the JSON text, dates as ISO-8601, names as the mapper says
            assertThat(driver.sink("stock").bodies())
                    .containsExactly("{\"sku\":\"A\",\"quantity\":3,\"at\":\"2026-12-01T10:00:00Z\"}");
            assertThat(driver.sink("raw").bodies()).containsExactly("{\"id\":1}");
        }
    }

    @Test
    void shouldTakeEveryMatchingFilterWhenTwoConditionsHoldAtOnce() {
        // GIVEN two filters that can both hold (a split would take only the first)
        RecordPredicate low = RecordPredicate.named("quantity below 10", r -> quantity(r) < 10);
        RecordPredicate odd = RecordPredicate.named("quantity odd", r -> quantity(r) % 2 == 1);
        Topology topology = Topology.builder()
                .filter(low).to(Route.named("low").to("low").mapping(r -> Optional.of(Payload.of(r.eventId()))))
                .filter(odd).to(Route.named("odd").to("odd").mapping(r -> Optional.of(Payload.of(r.eventId()))))
                .build();
        try (PipelineTestDriver driver = new PipelineTestDriver(topology)) {
            // WHEN records with 3 (both), 4 (low only), 11 (odd only) and 12 (neither) pass
            BatchResult result = pipe(driver, insert("A", "quantity", 3), insert("B", "quantity", 4),
                    insert("C", "quantity", 11), insert("D", "quantity", 12));

            // THEN each filter took exactly the records it matches, and describe() shows both
            assertThat(driver.sink("low").messages()).hasSize(2);
            assertThat(driver.sink("odd").messages()).hasSize(2);
            assertThat(result.routeCounts()).containsEntry("low", 2L).containsEntry("odd", 2L);
            assertThat(topology.describe())
                    .contains("  filter low -> low  when quantity below 10\n")
                    .contains("  filter odd -> odd  when quantity odd\n");
        }
    }

    private static long quantity(ChangeRecord r) {
        return r.newImage().orElseThrow().number("quantity").orElseThrow().longValue();
    }
}
