package dev.streampipe.testing;

import static dev.streampipe.testing.StreamEvent.insert;
import static dev.streampipe.testing.StreamEvent.modify;
import static dev.streampipe.testing.StreamEvent.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.state.Aggregation;
import dev.streampipe.core.state.TimeWindows;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Aggregations on the driver: a table aggregation follows the items through INSERT, MODIFY and REMOVE, a windowed one
 * sends each window's final value once, and a batch delivered again (whole, from its first record, or halved) never
 * counts a change twice.
 */
class StatefulTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
    private static final Topology TOPOLOGY = Topology.builder()
            .multicast(Route.named("audit").to("audit").mapping(r -> Optional.of(Payload.of("{}"))))
            .aggregate(Aggregation.table("orders-by-status")
                    .where("type = order", item -> item.string("type").filter("order"::equals).isPresent())
                    .groupBy("status", item -> item.string("status").orElse(null))
                    .count()
                    .sum("cents", item -> item.number("cents").map(n -> n.longValue()).orElse(0L))
                    .to("status-counts")
                    .build())
            .aggregate(Aggregation.windowed("payments-by-method", TimeWindows.ofSize(Duration.ofMinutes(5))
                            .grace(Duration.ofMinutes(1)))
                    .where("INSERT of a payment", r -> r.newImage().flatMap(i -> i.string("type"))
                            .filter("payment"::equals).isPresent())
                    .groupBy("method", r -> r.newImage().orElseThrow().string("method").orElseThrow())
                    .count()
                    .to("payment-windows")
                    .ledgered()
                    .build())
            .build();

    private final PipelineTestDriver driver = new PipelineTestDriver(TOPOLOGY, T0);

    @AfterEach
    void close() {
        driver.close();
    }

    private static StreamEvent.Record newOrder(String id, String status, long cents) {
        return insert("PK", id, "SK", "ORDER").eventId("ins-" + id)
                .newImage("type", "order", "status", status, "cents", cents);
    }

    private static StreamEvent.Record payment(int n, String method, Instant at) {
        return insert("PK", "pay-" + n, "SK", "PAYMENT").eventId("pay-" + n).createdAt(at)
                .newImage("type", "payment", "method", method);
    }

    @Test
    void shouldFollowItemsBetweenGroupsWhenTheyAreInsertedModifiedAndRemoved() {
        // GIVEN two open orders
        driver.pipe(newOrder("o-1", "OPEN", 500), newOrder("o-2", "OPEN", 700));

        // WHEN one ships and the other is deleted
        BatchResult result = driver.pipe(
                modify("PK", "o-1", "SK", "ORDER").eventId("mod-o-1")
                        .oldImage("type", "order", "status", "OPEN", "cents", 500)
                        .newImage("type", "order", "status", "SHIPPED", "cents", 500),
                remove("PK", "o-2", "SK", "ORDER").eventId("rem-o-2")
                        .oldImage("type", "order", "status", "OPEN", "cents", 700));

        // THEN OPEN holds none, SHIPPED one order of 500 cents, and the changed groups were sent
        assertThat(driver.store("orders-by-status").get("OPEN")).contains(Map.of("count", 0L, "cents", 0L));
        assertThat(driver.store("orders-by-status").get("SHIPPED")).contains(Map.of("count", 1L, "cents", 500L));
        assertThat(result.state().recordsApplied()).isEqualTo(2);
        assertThat(result.state().groupsWritten()).isEqualTo(2);
        assertThat(driver.sink("status-counts").bodies()).last().asString()
                .contains("\"group\":\"SHIPPED\"", "\"count\":1", "\"cents\":500");
    }

    @Test
    void shouldCountABatchOnceWhenLambdaDeliversItAgainWholeOrHalved() {
        // GIVEN a batch of three new orders applied, whose response Lambda never got (a crash after the state write)
        StreamEvent.Record[] batch = {newOrder("o-1", "OPEN", 1), newOrder("o-2", "OPEN", 2),
                newOrder("o-3", "OPEN", 4)};
        driver.pipe(batch);

        // WHEN Lambda delivers it again whole, then bisects it: the first half, then the second
        driver.pipe(batch);
        driver.pipe(batch[0], batch[1]);
        long afterFirstHalf = driver.store("orders-by-status").count("OPEN");
        driver.pipe(batch[2]);

        // THEN each order counts once: the first half replaced the whole batch's contribution
        assertThat(afterFirstHalf).isEqualTo(2);
        assertThat(driver.store("orders-by-status").get("OPEN")).contains(Map.of("count", 3L, "cents", 7L));
    }

    @Test
    void shouldApplyOnlyTheRecordsBeforeTheReportedFailureWhenASinkFailsMidBatch() {
        // GIVEN the audit sink fails the third record's message for good measure of retries
        driver.sink("audit").failRetryably(m -> m.eventId().equals("ins-o-3"), 100);

        // WHEN a batch of four orders is piped, then Lambda delivers again from the reported record
        BatchResult first = driver.pipe(newOrder("o-1", "OPEN", 1), newOrder("o-2", "OPEN", 1),
                newOrder("o-3", "OPEN", 1), newOrder("o-4", "OPEN", 1));
        long afterFirst = driver.store("orders-by-status").count("OPEN");
        driver.sink("audit").clearFailures();
        driver.pipe(newOrder("o-3", "OPEN", 1), newOrder("o-4", "OPEN", 1));

        // THEN the first delivery counted the two orders before the failure, the redelivery the other two
        assertThat(first.batchItemFailures()).hasSize(1);
        assertThat(first.state().recordsApplied()).isEqualTo(2);
        assertThat(afterFirst).isEqualTo(2);
        assertThat(driver.store("orders-by-status").count("OPEN")).isEqualTo(4);
    }

    @Test
    void shouldLeaveTheRecordsFromAFailedDeadLetterOutOfTheStateWhenTheDeadLetterQueueFails() {
        // GIVEN a batch whose second record an aggregation cannot read, and a dead-letter queue failing once
        StreamEvent.Record broken = insert("PK", "pay-9", "SK", "PAYMENT").eventId("pay-9").createdAt(T0)
                .newImage("type", "payment");
        driver.deadLetters().failNext(1);

        // WHEN the batch is piped, then delivered again from the record Lambda was told
        BatchResult first = driver.pipe(newOrder("o-1", "OPEN", 1), broken, newOrder("o-3", "OPEN", 1));
        long afterFirst = driver.store("orders-by-status").count("OPEN");
        driver.pipe(broken, newOrder("o-3", "OPEN", 1));

        // THEN the first delivery counted only the order before the poison record, the redelivery the other
        assertThat(first.batchItemFailures()).containsExactly("100200000000");
        assertThat(afterFirst).isEqualTo(1);
        assertThat(driver.store("orders-by-status").count("OPEN")).isEqualTo(2);
        assertThat(driver.deadLetters().letters()).singleElement().satisfies(l ->
                assertThat(l.routeOrNull()).isEqualTo("payments-by-method"));
    }

    @Test
    void shouldAskForTheWholeBatchAgainWhenTheStateStoreIsThrottled() {
        // GIVEN the state store throttles the next call
        driver.stateStore().throttle(1);

        // WHEN a batch is piped, then delivered again
        BatchResult throttled = driver.pipe(newOrder("o-1", "OPEN", 1), newOrder("o-2", "OPEN", 1));
        long afterThrottle = driver.store("orders-by-status").count("OPEN");
        driver.pipe(newOrder("o-1", "OPEN", 1), newOrder("o-2", "OPEN", 1));

        // THEN the batch failed from its first record with nothing counted, and the redelivery counted it once
        assertThat(throttled.batchItemFailures()).containsExactly("100100000000");
        assertThat(throttled.failureReasons()).singleElement().asString().contains("state store", "throttled");
        assertThat(afterThrottle).isZero();
        assertThat(driver.store("orders-by-status").count("OPEN")).isEqualTo(2);
    }

    @Test
    void shouldSendEachWindowsFinalValueOnceWhenStreamTimePassesItsEndAndGrace() {
        // GIVEN two card payments and a cash payment in the window 12:00..12:05
        driver.pipe(payment(1, "card", T0.plusSeconds(10)), payment(2, "cash", T0.plusSeconds(20)));
        driver.pipe(payment(3, "card", T0.plusSeconds(290)));

        // WHEN a payment at 12:05:30 arrives (within grace: the window stays open), then one at 12:06:00
        driver.pipe(payment(4, "card", T0.plusSeconds(330)));
        boolean closedWithinGrace = driver.store("payments-by-method").closed(T0);
        BatchResult closing = driver.pipe(payment(5, "cash", T0.plusSeconds(360)));
        driver.pipe(payment(5, "cash", T0.plusSeconds(360)));

        // THEN the window closed once, its final values went out once each, and the later payments are in 12:05
        assertThat(closedWithinGrace).isFalse();
        assertThat(closing.state().windowsClosed()).isEqualTo(1);
        assertThat(driver.sink("payment-windows").bodies()).hasSize(2)
                .anySatisfy(b -> assertThat(b).contains("\"group\":\"card\"", "\"count\":2",
                        "\"windowStart\":\"2026-11-20T12:00:00Z\"", "\"windowEnd\":\"2026-11-20T12:05:00Z\""))
                .anySatisfy(b -> assertThat(b).contains("\"group\":\"cash\"", "\"count\":1"));
        assertThat(driver.store("payments-by-method").count("card", T0.plusSeconds(300))).isEqualTo(1);
        assertThat(driver.store("payments-by-method").count("cash", T0.plusSeconds(300))).isEqualTo(1);
    }

    @Test
    void shouldCountALateRecordAndLeaveTheClosedWindowAlone() {
        // GIVEN the window 12:00..12:05 closed by a payment at 12:07
        driver.pipe(payment(1, "card", T0.plusSeconds(10)));
        driver.pipe(payment(2, "card", T0.plusSeconds(420)));

        // WHEN a payment created at 12:04 arrives after that
        BatchResult late = driver.pipe(payment(3, "card", T0.plusSeconds(240)));

        // THEN it is counted late, and the window keeps the value it was closed with
        assertThat(late.state().late()).isEqualTo(1);
        assertThat(late.batchItemFailures()).isEmpty();
        assertThat(driver.store("payments-by-method").count("card", T0)).isEqualTo(1);
    }

    @Test
    void shouldCloseWindowsWhenTheTestAdvancesStreamTime() {
        // GIVEN a payment in the window 12:00..12:05
        driver.pipe(payment(1, "card", T0.plusSeconds(10)));

        // WHEN stream time is moved 6 minutes on by hand
        BatchResult.StateCounts counts = driver.advanceStreamTime(Duration.ofMinutes(6));

        // THEN the window closed and sent its final value
        assertThat(counts.windowsClosed()).isEqualTo(1);
        assertThat(driver.store("payments-by-method").closed(T0)).isTrue();
        assertThat(driver.sink("payment-windows").bodies()).singleElement().asString().contains("\"count\":1");
    }

    @Test
    void shouldDeadLetterARecordForTheAggregationOnlyWhenItsGroupCannotBeRead() {
        // GIVEN a payment without a method (the group function throws)
        StreamEvent.Record broken = insert("PK", "pay-9", "SK", "PAYMENT").eventId("pay-9").createdAt(T0)
                .newImage("type", "payment");

        // WHEN it is piped
        BatchResult result = driver.pipe(broken);

        // THEN it is poison for that aggregation only: dead-lettered under its name, audited, the batch done
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(result.deadLettered("payments-by-method")).isEqualTo(1);
        assertThat(driver.deadLetters().letters()).singleElement().satisfies(l ->
                assertThat(l.reason()).contains("aggregation 'payments-by-method' cannot read the record"));
        assertThat(driver.sink("audit").messages()).hasSize(1);
    }

    @Test
    void shouldSendChangedGroupsOncePerIntervalWhenEmittingEveryMinute() {
        // GIVEN a count by status sent at most once a minute of stream time
        Topology topology = Topology.builder()
                .aggregate(Aggregation.table("by-status").groupBy("status", i -> i.string("status").orElse(null))
                        .count().to("counts").emitEvery(Duration.ofMinutes(1)).build())
                .build();
        PipelineTestDriver minutely = new PipelineTestDriver(topology, T0);

        // WHEN orders arrive at 12:00:00, 12:00:30 and 12:01:10
        minutely.pipe(newOrder("o-1", "OPEN", 1).createdAt(T0));
        minutely.pipe(newOrder("o-2", "PAID", 1).createdAt(T0.plusSeconds(30)));
        int afterSecond = minutely.sink("counts").messages().size();
        minutely.pipe(newOrder("o-3", "OPEN", 1).createdAt(T0.plusSeconds(70)));

        // THEN the first batch sent OPEN, the second nothing, the third both groups changed since
        assertThat(afterSecond).isEqualTo(1);
        assertThat(minutely.sink("counts").bodies()).containsExactly(
                "{\"aggregation\":\"by-status\",\"group\":\"OPEN\",\"count\":1}",
                "{\"aggregation\":\"by-status\",\"group\":\"OPEN\",\"count\":2}",
                "{\"aggregation\":\"by-status\",\"group\":\"PAID\",\"count\":1}");
        assertThat(topology.describe()).contains("-> counts (changes every 1m)");
    }

    @Test
    void shouldDescribeEachStoreAndNeedBothImagesWhenATableIsAggregated() {
        // WHEN / THEN
        assertThat(TOPOLOGY.requiredViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(TOPOLOGY.describe())
                .contains("aggregate table orders-by-status: group by status, count, sum cents where type = order"
                        + " [store orders-by-status] -> status-counts (changes)")
                .contains("aggregate windowed payments-by-method: tumbling 5m, grace 1m, group by method, count"
                        + " where INSERT of a payment [store payments-by-method] -> payment-windows (final values)"
                        + " [ledgered]");
        assertThatThrownBy(() -> driver.store("orders-by-status").count("OPEN", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table aggregation");
    }
}
