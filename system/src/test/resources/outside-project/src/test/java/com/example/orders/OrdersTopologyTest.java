package com.example.orders;

import static dev.streampipe.testing.StreamEvent.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.PipelineTestDriver;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A user's topology on the test driver, from streampipe-test-utils alone. */
class OrdersTopologyTest {
    private static final Topology TOPOLOGY = Topology.builder()
            .split("by-type")
            .branch(Predicates.forSchema(KeySchema.DEFAULT).sortKeyPrefix("ORDER#"),
                    Route.named("orders").to("orders").mapping(r -> Optional.of(Payload.of("{\"order\":true}"))))
            .noDefaultBranch()
            .build();

    @Test
    void shouldDeliverTheOrderAfterAThrottleWhenAnOrderIsInserted() {
        try (PipelineTestDriver driver = new PipelineTestDriver(TOPOLOGY)) {
            // GIVEN the orders sink throttles its first call
            driver.sink("orders").throttle();

            // WHEN an order is inserted
            BatchResult result = driver.pipe(insert("PK", "CUSTOMER#c-1", "SK", "ORDER#1").eventId("ev-1")
                    .newImage("total", "42"));

            // THEN it is delivered on the retry, and the batch reports no failure
            assertThat(result.batchItemFailures()).isEmpty();
            assertThat(driver.sink("orders").bodies()).containsExactly("{\"order\":true}");
            assertThat(driver.sink("orders").attempts()).isEqualTo(2);
        }
    }
}
