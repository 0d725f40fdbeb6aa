package dev.streampipe.router;

import static dev.streampipe.router.SessionTopology.ACTIVE_SESSIONS;
import static dev.streampipe.router.SessionTopology.HANDOFFS_BY_REASON;
import static dev.streampipe.router.SessionTopology.HANDOFF_WINDOWS_SINK;
import static dev.streampipe.router.SessionTopology.HANDOFF_WINDOW_CLOSED;
import static dev.streampipe.router.SessionTopology.SESSIONS_BY_STATUS;
import static dev.streampipe.router.SessionTopology.STATUS_METRICS_SINK;
import static dev.streampipe.router.SessionTopology.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.Message;
import dev.streampipe.testing.ManualClock;
import dev.streampipe.testing.PipelineTestDriver;
import dev.streampipe.testing.StreamEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session topology's two aggregations: META items per status, handoffs per reason per 5-minute window. */
class SessionAggregationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
    private final ManualClock metricsClock = ManualClock.at("2026-11-20T12:30:00Z");
    private final PipelineTestDriver driver = new PipelineTestDriver(SessionTopology.create(SessionSchema.DEFAULT,
            "streampipe/test-router", metricsClock));

    private int events;

    @AfterEach
    void close() {
        driver.close();
    }

    /**
     * Pipes one batch, each record with an event id of its own: a batch's first event id is its id in the state
     * store, and a batch under an id already seen replaces that batch's contribution (a redelivery).
     */
    private BatchResult pipe(StreamEvent.Record... records) {
        for (StreamEvent.Record r : records) {
            r.eventId("ev-" + ++events);
        }
        return driver.pipe(records);
    }

    private static StreamEvent.Record meta(String event, String session) {
        return StreamEvent.of(event, "PK", "SESSION#" + session, "SK", "META");
    }

    /** A handoff INSERT; {@code reason} {@code null}: without one. */
    private static StreamEvent.Record handoff(String session, int n, Instant created, String reason) {
        StreamEvent.Record r = StreamEvent.insert("PK", "SESSION#" + session, "SK", "HANDOFF#" + n).createdAt(created);
        return reason == null ? r.newImage("agent_id", "agent-" + n) : r.newImage("agent_id", "agent-" + n,
                "reason", reason);
    }

    private static StreamEvent.Record turn(String session, int n, Instant created) {
        return StreamEvent.insert("PK", "SESSION#" + session, "SK", String.format("TURN#%06d", n)).createdAt(created)
                .newImage("turn_number", n, "role", "user");
    }

    private Map<String, Long> statusCounts() {
        return driver.store(SESSIONS_BY_STATUS).counts();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldCountMetaItemsPerStatusWhenTheyAreInsertedModifiedAndRemoved() {
        // GIVEN three sessions created (one without status), then one handed off and one removed, and a turn
        pipe(meta("INSERT", "s-1").newImage("status", "active"),
                meta("INSERT", "s-2").newImage("status", "active"),
                meta("INSERT", "s-3").newImage("customer_id", "c-3"),
                turn("s-1", 1, T0));

        // WHEN
        BatchResult result = pipe(
                meta("MODIFY", "s-1").oldImage("status", "active").newImage("status", "handoff"),
                meta("REMOVE", "s-2").oldImage("status", "active"));

        // THEN the META items the table holds, per status (no status: UNKNOWN), the turn not counted
        assertThat(statusCounts()).containsOnly(Map.entry("active", 0L), Map.entry("handoff", 1L),
                Map.entry(UNKNOWN, 1L));
        assertThat(result.state().recordsApplied()).isEqualTo(2);
        assertThat(result.state().groupsWritten()).isEqualTo(2);
        assertThat(driver.deadLetters().letters()).isEmpty();
    }

    @Test
    void shouldCountABatchOnceWhenLambdaDeliversItAgain() {
        // GIVEN a batch applied, whose response Lambda never saw
        StreamEvent.Record[] batch = {meta("INSERT", "s-1").newImage("status", "active").eventId("first"),
            meta("INSERT", "s-2").newImage("status", "active").eventId("second")};
        driver.pipe(batch);

        // WHEN it comes again (the same first record: the same batch id), then bisected: only its first half
        driver.pipe(batch);
        driver.pipe(batch[0]);

        // THEN each delivery replaced the one before: the counts are the last delivery's
        assertThat(statusCounts()).containsOnly(Map.entry("active", 1L));
    }

    @Test
    void shouldCountAStatusOfAnotherTypeAsUnknownSoTheCountsStayInStepWithTheTable() {
        // GIVEN a session whose status a writer sets to a number, then back to a string
        pipe(meta("INSERT", "s-1").newImage("status", "active"));
        pipe(meta("MODIFY", "s-1").oldImage("status", "active").newImage("status", 7));
        Map<String, Long> broken = statusCounts();

        // WHEN it is set back
        pipe(meta("MODIFY", "s-1").oldImage("status", 7).newImage("status", "closed"));

        // THEN it counted under UNKNOWN meanwhile, and ends in its new status: one item, counted once
        assertThat(broken).containsOnly(Map.entry("active", 0L), Map.entry(UNKNOWN, 1L));
        assertThat(statusCounts()).containsOnly(Map.entry("active", 0L), Map.entry(UNKNOWN, 0L),
                Map.entry("closed", 1L));
        assertThat(driver.deadLetters().letters()).extracting(DeadLetter::routeOrNull)
                .doesNotContain(SESSIONS_BY_STATUS);
    }

    @Test
    void shouldWriteOneEmfLinePerChangedStatusWhenABatchChangesTheCounts() {
        // GIVEN
        pipe(meta("INSERT", "s-1").newImage("status", "active"),
                meta("INSERT", "s-2").newImage("status", "active"));

        // WHEN one of them is handed off
        pipe(meta("MODIFY", "s-2").oldImage("status", "active").newImage("status", "handoff"));

        // THEN the sink got one EMF line per status the batch changed, ActiveSessions by Status, in the namespace
        List<JsonNode> lines = driver.sink(STATUS_METRICS_SINK).bodies().stream().map(SessionAggregationsTest::read)
                .toList();
        assertThat(lines).extracting(l -> l.get("Status").asText() + "=" + l.get(ACTIVE_SESSIONS).asLong())
                .containsExactly("active=2", "active=1", "handoff=1");
        JsonNode directive = lines.get(0).get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("streampipe/test-router");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Status\"]]");
        assertThat(directive.get("Metrics").toString()).isEqualTo("[{\"Name\":\"ActiveSessions\",\"Unit\":\"Count\"}]");
        assertThat(lines.get(0).get("_aws").get("Timestamp").asLong()).isEqualTo(metricsClock.millis());
        assertThat(driver.sink(STATUS_METRICS_SINK).messages()).allSatisfy(m -> assertThat(m.ledgered()).isFalse());
    }

    @Test
    void shouldSendEachReasonsFinalCountOnceAsAnEventWhenStreamTimePassesTheWindowsClose() {
        // GIVEN three handoffs in the window 12:00-12:05 (one without reason) and one in the next
        pipe(handoff("s-1", 1, T0.plusSeconds(10), "escalation"),
                handoff("s-2", 2, T0.plusSeconds(180), "billing"),
                handoff("s-3", 3, T0.plusSeconds(240), "escalation"),
                handoff("s-4", 4, T0.plusSeconds(250), null),
                handoff("s-1", 5, T0.plusSeconds(330), "billing"));
        assertThat(driver.sink(HANDOFF_WINDOWS_SINK).messages()).as("open until 12:06, its end plus grace").isEmpty();

        // WHEN a record created at 12:06 moves stream time to the first window's close, then another batch comes
        BatchResult closing = pipe(turn("s-1", 1, T0.plusSeconds(360)));
        pipe(turn("s-1", 2, T0.plusSeconds(361)));

        // THEN one ledgered EventBridge event per reason of the closed window, sent once
        List<Message> finals = driver.sink(HANDOFF_WINDOWS_SINK).messages();
        assertThat(finals).allSatisfy(m -> {
            assertThat(m.ledgered()).isTrue();
            assertThat(m.eventBridge()).hasValueSatisfying(o -> assertThat(o.detailType())
                    .isEqualTo(HANDOFF_WINDOW_CLOSED));
        });
        assertThat(finals.stream().map(m -> read(m.body())).map(b -> b.get("reason").asText() + "="
                + b.get("count").asLong() + " " + b.get("windowStart").asText() + ".." + b.get("windowEnd").asText()))
                .containsExactlyInAnyOrder("escalation=2 2026-11-20T12:00:00Z..2026-11-20T12:05:00Z",
                        "billing=1 2026-11-20T12:00:00Z..2026-11-20T12:05:00Z",
                        UNKNOWN + "=1 2026-11-20T12:00:00Z..2026-11-20T12:05:00Z");
        assertThat(closing.state().windowsClosed()).isEqualTo(1);
        assertThat(driver.store(HANDOFFS_BY_REASON).count("billing", T0.plusSeconds(300))).isEqualTo(1);
    }

    @Test
    void shouldRefuseAHandoffAsLateWhenItsWindowHasClosed() {
        // GIVEN the window 12:00-12:05 closed by a record of 12:07
        pipe(handoff("s-1", 1, T0.plusSeconds(10), "escalation"), turn("s-1", 1, T0.plusSeconds(420)));

        // WHEN a handoff created at 12:02 arrives
        BatchResult late = pipe(handoff("s-2", 2, T0.plusSeconds(120), "escalation"));

        // THEN it is late: counted, not added, and the closed window's final count stays what was sent
        assertThat(late.state().late()).isEqualTo(1);
        assertThat(driver.store(HANDOFFS_BY_REASON).count("escalation", T0)).isEqualTo(1);
        assertThat(driver.sink(HANDOFF_WINDOWS_SINK).messages()).singleElement()
                .satisfies(m -> assertThat(read(m.body()).get("count").asLong()).isEqualTo(1));
        assertThat(late.batchItemFailures()).isEmpty();
    }

    @Test
    void shouldDeadLetterAHandoffForTheWindowedAggregationOnlyWhenItHasNoCreationTime() {
        // GIVEN a handoff without ApproximateCreationDateTime
        String event = StreamEvent.of(handoff("s-1", 1, T0, "escalation"))
                .replaceFirst("\"ApproximateCreationDateTime\":\\d+,", "");

        // WHEN
        BatchResult result = driver.pipe(event);

        // THEN it is paged, and dead-lettered for the windowed aggregation only, which cannot place it in a window
        assertThat(driver.sink(SessionTopology.HANDOFFS_SINK).messages()).hasSize(1);
        assertThat(driver.deadLetters().letters()).singleElement().satisfies(l -> {
            assertThat(l.routeOrNull()).isEqualTo(HANDOFFS_BY_REASON);
            assertThat(l.reason()).contains("ApproximateCreationDateTime");
        });
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.store(HANDOFFS_BY_REASON).windows()).isEmpty();
    }
}
