package dev.streampipe.testing;

import static dev.streampipe.testing.StreamEvent.insert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fault injection, clock and deadline through the driver: sinks retry as the AWS adapters do, on its clock. */
class PipelineTestDriverTest {
    private static final Instant START = Instant.parse("2026-11-20T12:00:00Z");
    private static final Topology TOPOLOGY = Topology.builder()
            .multicast(Route.named("audit").to("audit").mapping(r -> Optional.of(Payload.of("{}"))))
            .split("by-type")
            .branch(Predicates.forSchema(KeySchema.DEFAULT).sortKeyPrefix("HANDOFF#"),
                    Route.named("page").to("handoffs").ledgered().mapping(r -> Optional.of(Payload.of("{}"))))
            .noDefaultBranch()
            .build();

    private final PipelineTestDriver driver = new PipelineTestDriver(TOPOLOGY, START);

    @AfterEach
    void close() {
        driver.close();
    }

    private static StreamEvent.Record handoff(int n) {
        return insert("PK", "SESSION#s-1", "SK", "HANDOFF#" + n).eventId("ev-" + n).newImage("agent_id", "a-" + n);
    }

    @Test
    void shouldDeliverAfterRetriesOnTheDriversClockWhenASinkFailsRetryablyTwice() {
        // GIVEN the handoffs sink fails every message twice
        driver.sink("handoffs").failRetryably(2);

        // WHEN two handoffs are piped
        BatchResult result = driver.pipe(handoff(1), handoff(2));

        // THEN the sink retried within the batch (three attempts), waiting on the driver's clock, and delivered both
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.sink("handoffs").messages()).extracting(m -> m.eventId()).containsExactly("ev-1", "ev-2");
        assertThat(driver.sink("handoffs").calls()).isEqualTo(1);
        assertThat(driver.sink("handoffs").attempts()).isEqualTo(3);
        assertThat(driver.sleeper().sleeps()).isEqualTo(2);
        assertThat(driver.clock().instant()).isAfter(START);
        assertThat(driver.sink("audit").attempts()).isEqualTo(1);
    }

    @Test
    void shouldRetryTheWholeCallWhenASinkIsThrottled() {
        // GIVEN the next call to the handoffs sink is throttled
        driver.sink("handoffs").throttle();

        // WHEN
        BatchResult result = driver.pipe(handoff(1));

        // THEN the second attempt delivers it
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.sink("handoffs").attempts()).isEqualTo(2);
        assertThat(driver.sink("handoffs").messages()).hasSize(1);
    }

    @Test
    void shouldDeadLetterForThatRouteOnlyWhenASinkRejectsPermanently() {
        // GIVEN the handoffs sink rejects everything
        driver.sink("handoffs").rejectPermanently("message too large");

        // WHEN
        BatchResult result = driver.pipe(handoff(1));

        // THEN no retry: the page is dead-lettered with the reason, the audit copy still delivered
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.sink("handoffs").attempts()).isEqualTo(1);
        assertThat(driver.deadLetters().letters()).singleElement().satisfies(l -> {
            assertThat(l.routeOrNull()).isEqualTo("page");
            assertThat(l.reason()).contains("message too large");
        });
        assertThat(driver.sink("audit").messages()).hasSize(1);
    }

    @Test
    void shouldGiveUpAndReportTheRecordWhenRetriesWouldOutlastTheInvocationBudget() {
        // GIVEN one second left in the invocation: less than the retry policy's safety margin
        driver.invocationBudget(Duration.ofSeconds(1));
        driver.sink("handoffs").failRetryably(1);

        // WHEN
        BatchResult result = driver.pipe(handoff(1), handoff(2));

        // THEN the sink does not wait past the deadline: one attempt, the clock unmoved, both records to retry
        assertThat(driver.sink("handoffs").attempts()).isEqualTo(1);
        assertThat(driver.clock().instant()).isEqualTo(START);
        assertThat(result.batchItemFailures()).containsExactly("100100000000");
        assertThat(driver.sink("handoffs").messages()).isEmpty();
    }

    @Test
    void shouldGiveUpAfterThePolicysAttemptsWhenASinkKeepsFailing() {
        // GIVEN a driver whose sinks try twice, and a sink that fails five times
        try (PipelineTestDriver twice = new PipelineTestDriver(TOPOLOGY, START,
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(10)))) {
            twice.sink("handoffs").failRetryably(5);

            // WHEN
            BatchResult result = twice.pipe(handoff(1));

            // THEN two attempts, one wait on the clock, the record reported for retry
            assertThat(twice.sink("handoffs").attempts()).isEqualTo(2);
            assertThat(twice.sleeper().sleeps()).isEqualTo(1);
            assertThat(result.batchItemFailures()).containsExactly("100100000000");
        }
    }
}
