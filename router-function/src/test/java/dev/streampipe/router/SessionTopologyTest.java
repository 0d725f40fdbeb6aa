package dev.streampipe.router;

import static dev.streampipe.router.SessionTopology.*;
import static dev.streampipe.testing.PipelineTestDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Message;
import dev.streampipe.testing.PipelineTestDriver;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The session routes of docs/design.md §3, branch by branch, through the PipelineTestDriver and the sample events.
 * Tagged {@code needs-repo}: it reads the repository's {@code events/}, so a build of this folder alone
 * ({@code sam build}) skips it (see the {@code outside-repository} profile in the POM).
 */
@Tag("needs-repo")
class SessionTopologyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PipelineTestDriver driver = new PipelineTestDriver(SessionTopology.create(SessionSchema.DEFAULT));

    @AfterEach
    void close() {
        driver.close();
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    @Test
    void shouldTriggerSummaryWhenTurnClosesWindow() throws Exception {
        BatchResult result = driver.pipeFile(event("turn-insert-window-closed.json"));

        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(result.routed(TRIGGER_SUMMARY)).isEqualTo(1);
        List<Message> triggers = driver.sink(SUMMARY_TRIGGER_SINK).messages();
        assertThat(triggers).hasSize(1);
        JsonNode body = json(triggers.get(0).body());
        assertThat(body.get("sessionId").asText()).isEqualTo("s-0001");
        assertThat(body.get("window").asLong()).isEqualTo(1);
        assertThat(body.get("eventId").asText()).isEqualTo(triggers.get(0).eventId());
    }

    @Test
    void shouldNotTriggerSummaryWhenTurnDoesNotCloseWindow() {
        BatchResult result = driver.pipeFile(event("turn-insert.json"));

        assertThat(result.routed(TRIGGER_SUMMARY)).isEqualTo(1);
        assertThat(driver.sink(SUMMARY_TRIGGER_SINK).messages()).isEmpty();
        assertThat(driver.sink(ANALYTICS_SINK).messages()).hasSize(1);
    }

    @Test
    void shouldPublishStatusChangedWhenMetaStatusChanges() throws Exception {
        BatchResult result = driver.pipeFile(event("meta-status-change.json"));

        assertThat(result.routed(PUBLISH_STATUS_CHANGE)).isEqualTo(1);
        List<Message> events = driver.sink(STATUS_EVENTS_SINK).messages();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).eventBridge()).hasValueSatisfying(o -> {
            assertThat(o.detailType()).isEqualTo(STATUS_CHANGED);
            assertThat(o.sourceOrNull()).as("the sink's configured source").isNull();
        });
        assertThat(events.get(0).ledgered()).isTrue();
        JsonNode detail = json(events.get(0).body());
        assertThat(detail.get("oldStatus").asText()).isEqualTo("active");
        assertThat(detail.get("newStatus").asText()).isEqualTo("handoff");
        assertThat(detail.get("sessionId").asText()).isEqualTo("s-0001");
        assertThat(detail.get("customerId").asText()).isNotBlank();
        assertThat(detail.get("sequenceNumber").asText()).isEqualTo(events.get(0).sequenceNumber().value());
    }

    @Test
    void shouldPublishNothingWhenMetaModifiedWithoutStatusChange() {
        BatchResult result = driver.pipeFile(event("meta-modify-no-status-change.json"));

        assertThat(result.routed(PUBLISH_STATUS_CHANGE)).isZero();
        assertThat(result.routeCounts()).doesNotContainKeys("other", "summary"); // no default branch
        assertThat(driver.sink(STATUS_EVENTS_SINK).messages()).isEmpty();
        assertThat(driver.sink(ANALYTICS_SINK).messages()).hasSize(1);
    }

    @Test
    void shouldPageWithFilterableAttributesWhenHandoffInserted() throws Exception {
        driver.pipeFile(event("handoff-insert.json"));

        List<Message> pages = driver.sink(HANDOFFS_SINK).messages();
        assertThat(pages).hasSize(1);
        assertThat(pages.get(0).sns().messageAttributes()).containsExactly(Map.entry("event_type", "handoff"),
                Map.entry("agent_id", "agent-0042"), Map.entry("reason", "escalated"));
        assertThat(pages.get(0).sns().subjectOrNull()).isNull();
        assertThat(pages.get(0).fifo()).isEmpty();
        assertThat(json(pages.get(0).body()).get("sessionId").asText()).isEqualTo("s-0001");
    }

    @Test
    void shouldOnlyTakeMulticastRoutesWhenSummaryInserted() {
        BatchResult result = driver.pipeFile(event("summary-insert.json"));

        assertThat(result.routed(TRIGGER_SUMMARY) + result.routed(PUBLISH_STATUS_CHANGE) + result.routed(PAGE_HANDOFF))
                .isZero(); // no branch matches and there is no default branch
        assertThat(driver.sink(ANALYTICS_SINK).messages()).hasSize(1);
        assertThat(driver.sink(AUDIT_SINK).messages()).hasSize(1);
        assertThat(driver.sink(SUMMARY_TRIGGER_SINK).messages()).isEmpty();
        assertThat(driver.sink(STATUS_EVENTS_SINK).messages()).isEmpty();
        assertThat(driver.sink(HANDOFFS_SINK).messages()).isEmpty();
    }

    @Test
    void shouldMarkTtlDeletionInAuditAndAnalyticsWhenTtlRemoves() throws Exception {
        driver.pipeFile(event("ttl-remove.json"));

        assertThat(json(driver.sink(AUDIT_SINK).bodies().get(0)).get("ttl_deletion").asBoolean()).isTrue();
        assertThat(json(driver.sink(ANALYTICS_SINK).bodies().get(0)).get("ttl_deletion").asBoolean()).isTrue();
    }

    @Test
    void shouldCarryNoConversationContentWhenWritingAnalytics() throws Exception {
        String raw = Files.readString(event("mixed-batch.json"));
        driver.pipe(raw);

        List<String> analytics = driver.sink(ANALYTICS_SINK).bodies();
        assertThat(analytics).hasSize(JSON.readTree(raw).get("Records").size());
        for (String line : analytics) {
            JsonNode n = json(line);
            assertThat(n.has("content")).isFalse();
            assertThat(line).doesNotContain("\"S\"");
            assertThat(n.fieldNames()).toIterable().containsExactlyInAnyOrder("event_id", "event_name", "table", "keys", "pk",
                    "sk", "item_type", "sequence_number", "approximate_creation_time", "size_bytes", "ttl_deletion");
        }
    }

    @Test
    void shouldRouteEveryRecordOfTheMixedBatchToAtMostOneBranch() throws Exception {
        String raw = Files.readString(event("mixed-batch.json"));
        int records = JSON.readTree(raw).get("Records").size();

        BatchResult result = driver.pipe(raw);

        long branches = result.routed(TRIGGER_SUMMARY) + result.routed(PUBLISH_STATUS_CHANGE) + result.routed(PAGE_HANDOFF);
        assertThat(branches).isPositive().isLessThanOrEqualTo(records);
        assertThat(result.routed(ANALYTICS)).isEqualTo(records);
        assertThat(result.batchItemFailures()).isEmpty();
        Set<String> eventIds = driver.sink(ANALYTICS_SINK).messages().stream().map(Message::eventId)
                .collect(Collectors.toSet());
        assertThat(eventIds).hasSize(records);
    }

    @Test
    void shouldNotRepeatLedgeredEffectsWhenBatchDeliveredTwice() throws Exception {
        String raw = Files.readString(event("mixed-batch.json"));
        driver.pipe(raw);
        int pages = driver.sink(HANDOFFS_SINK).messages().size();
        int events = driver.sink(STATUS_EVENTS_SINK).messages().size();

        BatchResult again = driver.pipe(raw);

        assertThat(pages).isPositive();
        assertThat(events).isPositive();
        assertThat(driver.sink(HANDOFFS_SINK).messages()).hasSize(pages);
        assertThat(driver.sink(STATUS_EVENTS_SINK).messages()).hasSize(events);
        assertThat(again.sink(HANDOFFS_SINK).skipped()).isEqualTo(pages);
    }

    @Test
    void shouldDeadLetterMalformedRecordAndRouteTheRestWhenBatchHasOne() {
        BatchResult result = driver.pipeFile(event("batch-with-malformed-record.json"));

        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(result.malformed()).isEqualTo(1);
        assertThat(driver.deadLetters().letters()).singleElement()
                .satisfies(l -> assertThat(l.reason()).contains("Records[3]").contains("Keys"));
        assertThat(driver.sink(ANALYTICS_SINK).messages()).hasSize(result.records() - 1);
        assertThat(driver.sink(SUMMARY_TRIGGER_SINK).messages()).hasSize(1);
    }

    @Test
    void shouldSendOneTriggerPerSessionAndWindowWhenTurnRedeliveredInSameBatch() throws Exception {
        String one = Files.readString(event("turn-insert-window-closed.json"));
        JsonNode tree = JSON.readTree(one);
        JsonNode record = tree.get("Records").get(0);
        String twice = "{\"Records\":[" + record + "," + record + "]}";

        BatchResult result = driver.pipe(twice);

        assertThat(result.routed(TRIGGER_SUMMARY)).isEqualTo(2);
        assertThat(driver.sink(SUMMARY_TRIGGER_SINK).messages()).hasSize(1);
    }
}
