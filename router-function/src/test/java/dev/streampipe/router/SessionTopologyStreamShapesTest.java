package dev.streampipe.router;

import static dev.streampipe.router.SessionTopology.ANALYTICS_SINK;
import static dev.streampipe.router.SessionTopology.AUDIT_SINK;
import static dev.streampipe.router.SessionTopology.PAGE_HANDOFF;
import static dev.streampipe.router.SessionTopology.HANDOFFS_BY_REASON;
import static dev.streampipe.router.SessionTopology.HANDOFFS_SINK;
import static dev.streampipe.router.SessionTopology.PUBLISH_STATUS_CHANGE;
import static dev.streampipe.router.SessionTopology.SESSIONS_BY_STATUS;
import static dev.streampipe.router.SessionTopology.STATUS_EVENTS_SINK;
import static dev.streampipe.router.SessionTopology.SUMMARY_TRIGGER_SINK;
import static dev.streampipe.router.SessionTopology.TRIGGER_SUMMARY;
import static dev.streampipe.testing.PipelineTestDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.testing.PipelineTestDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streams shaped differently from ours (events/README.md): another key schema, KEYS_ONLY, NEW_IMAGE and OLD_IMAGE
 * view types, optional fields absent, null-member attribute values, a tumbling-window invocation. In each, every
 * record reaches analytics and audit, and only the routes that cannot serve a record dead-letter it.
 */
@Tag("needs-repo") // reads the repository's events/
class SessionTopologyStreamShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PipelineTestDriver driver = new PipelineTestDriver(SessionTopology.create(SessionSchema.DEFAULT));

    @AfterEach
    void close() {
        driver.close();
    }

    /** A dead letter as (record index, route). */
    private record Pair(int record, String route) {
    }

    static Stream<Arguments> streamShapes() {
        // The table aggregation reads both images of every record (an INSERT's new one, a REMOVE's old one) before
        // it can tell a META item: a stream without them dead-letters each record for it, as for a route.
        return Stream.of(
                Arguments.of("table-keyed-id-number.json", List.of(), Map.of()),
                Arguments.of("keys-only-stream.json",
                        List.of(new Pair(0, TRIGGER_SUMMARY), new Pair(1, PUBLISH_STATUS_CHANGE), new Pair(2, PAGE_HANDOFF),
                                new Pair(0, SESSIONS_BY_STATUS), new Pair(1, SESSIONS_BY_STATUS),
                                new Pair(2, SESSIONS_BY_STATUS), new Pair(3, SESSIONS_BY_STATUS),
                                new Pair(2, HANDOFFS_BY_REASON)),
                        Map.of(TRIGGER_SUMMARY, StreamViewType.KEYS_ONLY, PUBLISH_STATUS_CHANGE, StreamViewType.KEYS_ONLY,
                                PAGE_HANDOFF, StreamViewType.KEYS_ONLY)),
                Arguments.of("new-image-stream.json", List.of(new Pair(1, PUBLISH_STATUS_CHANGE),
                                new Pair(1, SESSIONS_BY_STATUS)),
                        Map.of(PUBLISH_STATUS_CHANGE, StreamViewType.NEW_IMAGE)),
                Arguments.of("old-image-stream.json",
                        List.of(new Pair(0, TRIGGER_SUMMARY), new Pair(1, PUBLISH_STATUS_CHANGE), new Pair(2, PAGE_HANDOFF),
                                new Pair(0, SESSIONS_BY_STATUS), new Pair(1, SESSIONS_BY_STATUS),
                                new Pair(2, SESSIONS_BY_STATUS), new Pair(2, HANDOFFS_BY_REASON)),
                        Map.of(TRIGGER_SUMMARY, StreamViewType.OLD_IMAGE, PUBLISH_STATUS_CHANGE, StreamViewType.OLD_IMAGE,
                                PAGE_HANDOFF, StreamViewType.OLD_IMAGE)),
                Arguments.of("optional-fields-absent.json", List.of(new Pair(2, PAGE_HANDOFF),
                        new Pair(2, SESSIONS_BY_STATUS), new Pair(2, HANDOFFS_BY_REASON),
                        new Pair(3, SESSIONS_BY_STATUS)), Map.of()),
                Arguments.of("null-member-attribute-values.json", List.of(), Map.of()),
                Arguments.of("tumbling-window.json", List.of(), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamShapes")
    void shouldReachAnalyticsAndAuditAndDeadLetterOnlyTheRoutesThatCannotServeWhenTheStreamIsShapedDifferently(
            String file, List<Pair> expectedDeadLetters, Map<String, StreamViewType> expectedMismatches)
            throws IOException {
        // GIVEN a real-format event from a stream unlike ours
        List<String> eventIds = new ArrayList<>();
        JSON.readTree(Files.readAllBytes(event(file))).get("Records").forEach(r -> eventIds.add(r.get("eventID").asText()));

        // WHEN it runs through the session topology
        BatchResult result = driver.pipeFile(event(file));

        // THEN nothing is left to retry, every record reached analytics and audit exactly once ...
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(result.malformed()).isZero();
        assertThat(driver.sink(ANALYTICS_SINK).messages()).extracting(Message::eventId).containsExactlyElementsOf(eventIds);
        assertThat(driver.sink(AUDIT_SINK).messages()).extracting(Message::eventId).containsExactlyElementsOf(eventIds);
        // ... only the (record, route) pairs that cannot be served were dead-lettered, each naming route and reason
        List<DeadLetter> letters = driver.deadLetters().letters();
        assertThat(letters).extracting(l -> new Pair(l.recordIndex(), l.routeOrNull()))
                .containsExactlyInAnyOrderElementsOf(expectedDeadLetters);
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.reason()).contains("'" + l.routeOrNull() + "'");
            assertThat(l.eventIdOrNull()).isEqualTo(eventIds.get(l.recordIndex()));
            assertThat(l.raw().json()).contains(l.eventIdOrNull());
        });
        assertThat(result.deadLettered()).isEqualTo(expectedDeadLetters.size());
        // ... and a view type that can never serve a route is named, with the view type the topology needs
        assertThat(result.viewTypeMismatches()).allSatisfy(m ->
                assertThat(m.required()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES));
        assertThat(result.viewTypeMismatches()).extracting(BatchResult.ViewTypeMismatch::route,
                BatchResult.ViewTypeMismatch::streamViewType).containsExactlyInAnyOrderElementsOf(
                expectedMismatches.entrySet().stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(),
                        e.getValue())).toList());
    }

    @Test
    void shouldReportTheKeysAsTheRecordCarriesThemWhenTheTableIsKeyedByANumberWithoutSortKey() throws Exception {
        // GIVEN a table keyed Id (N), no sort key: neither PK nor SK is there
        driver.pipeFile(event("table-keyed-id-number.json"));

        // THEN analytics and audit report the keys as carried, and no pk/sk
        for (String body : List.of(driver.sink(ANALYTICS_SINK).bodies().get(0), driver.sink(AUDIT_SINK).bodies().get(0))) {
            JsonNode line = JSON.readTree(body);
            assertThat(line.get("keys").toString()).isEqualTo("{\"Id\":\"4711\"}");
            assertThat(line.get("pk").isNull()).isTrue();
            assertThat(line.get("sk").isNull()).isTrue();
        }
        JsonNode analytics = JSON.readTree(driver.sink(ANALYTICS_SINK).bodies().get(0));
        assertThat(analytics.get("item_type").asText()).isEqualTo("other");
        assertThat(analytics.get("table").asText()).isEqualTo("orders");
    }

    @Test
    void shouldStillTriggerPageAndPublishWhenOptionalFieldsAreAbsent() throws Exception {
        // GIVEN records without ApproximateCreationDateTime, SizeBytes, eventVersion or awsRegion
        driver.pipeFile(event("optional-fields-absent.json"));

        // THEN the routes that have what they need still run, with unknown values reported as null
        assertThat(driver.sink(SUMMARY_TRIGGER_SINK).messages()).hasSize(1);
        assertThat(driver.sink(STATUS_EVENTS_SINK).messages()).singleElement()
                .satisfies(m -> assertThat(JSON.readTree(m.body()).get("timestamp").isNull()).isTrue());
        JsonNode analytics = JSON.readTree(driver.sink(ANALYTICS_SINK).bodies().get(0));
        assertThat(analytics.get("approximate_creation_time").isNull()).isTrue();
        assertThat(analytics.get("size_bytes").isNull()).isTrue();
        // ... and the handoff without a NewImage is poison for its route, not a configuration error (no view type)
        assertThat(driver.deadLetters().letters()).filteredOn(l -> l.routeOrNull().equals(PAGE_HANDOFF))
                .singleElement()
                .satisfies(l -> assertThat(l.reason()).contains("needs the new image", "stream view type not given"));
        // ... as it is for the aggregations, which read the new image too (and so does a REMOVE without its old one)
        assertThat(driver.deadLetters().letters()).extracting(DeadLetter::routeOrNull).containsExactlyInAnyOrder(
                PAGE_HANDOFF, SESSIONS_BY_STATUS, HANDOFFS_BY_REASON, SESSIONS_BY_STATUS);
    }

    @Test
    void shouldTriggerAndPageWhenAttributeValuesCarryNullMembers() throws Exception {
        // GIVEN a window-closing turn and a handoff whose attribute values carry null members beside their type
        driver.pipeFile(event("null-member-attribute-values.json"));

        // THEN they read as their one type: the summary is triggered and the page carries its attributes
        assertThat(JSON.readTree(driver.sink(SUMMARY_TRIGGER_SINK).bodies().get(0)).get("sessionId").asText())
                .isEqualTo("s-0305");
        assertThat(driver.sink(HANDOFFS_SINK).messages()).singleElement()
                .satisfies(m -> assertThat(m.sns().messageAttributes()).containsEntry("agent_id", "agent-0077"));
    }

    @Test
    void shouldDeadLetterOnlyTheStatusRouteWhenTheStreamCarriesTheNewImageOnly() {
        // GIVEN a NEW_IMAGE stream: a META MODIFY there cannot tell whether the status changed
        BatchResult result = driver.pipeFile(event("new-image-stream.json"));

        // THEN the summary trigger and the page still go, and the status route dead-letters its record
        assertThat(driver.sink(SUMMARY_TRIGGER_SINK).messages()).hasSize(1);
        assertThat(driver.sink(HANDOFFS_SINK).messages()).hasSize(1);
        assertThat(driver.sink(STATUS_EVENTS_SINK).messages()).isEmpty();
        assertThat(result.deadLettered(PUBLISH_STATUS_CHANGE)).isEqualTo(1);
        assertThat(driver.deadLetters().letters().get(0).reason()).contains("old image", "NEW_IMAGE");
    }

    @Test
    void shouldNameTheRoutesThatNeedImagesWhenDescribingTheTopology() {
        String described = SessionTopology.create(SessionSchema.DEFAULT).describe();

        assertThat(described).contains("trigger-summary -> summary-trigger [needs NewImage]",
                "publish-status-change -> status-events [ledgered] [needs NewImage] [needs OldImage]");
        assertThat(SessionTopology.create(SessionSchema.DEFAULT).requiredViewType())
                .isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    }
}
