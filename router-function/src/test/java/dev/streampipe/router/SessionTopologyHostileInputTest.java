package dev.streampipe.router;

import static dev.streampipe.router.SessionTopology.*;
import static dev.streampipe.testing.PipelineTestDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.Message;
import dev.streampipe.testing.PipelineTestDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values the decoder accepts as records but a route cannot serve: each is poison for the route that reads it, never a
 * whole-batch failure, and every decodable record still reaches analytics and audit. Tagged {@code needs-repo}: it
 * edits the repository's sample events.
 */
@Tag("needs-repo")
class SessionTopologyHostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PipelineTestDriver driver = new PipelineTestDriver(SessionTopology.create(SessionSchema.DEFAULT));

    @AfterEach
    void close() {
        driver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e9999999999", "1e126", "12345678901234567890123456789012345678901", "1E-131", "ten"})
    void shouldPoisonOnlyTheSummaryRouteWhenTurnNumberIsNoDynamoDbNumber(String turnNumber) throws IOException {
        // GIVEN a window-closing turn whose turn_number breaks DynamoDB's number rules, then a good one
        ObjectNode bad = windowClosingTurn(r -> set(r, "NewImage", "turn_number", "N", turnNumber));
        ObjectNode good = windowClosingTurn(r -> {
            r.put("eventID", "good-1");
            set(r, "Keys", "PK", "S", "SESSION#s-0002");
        });

        // WHEN the batch is routed
        BatchResult result = driver.pipe(batch(bad, good));

        // THEN nothing fails the batch; the bad record is dead-lettered for trigger-summary only, naming the value;
        // both reach analytics and audit; the good record triggers its summary
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.deadLetters().letters()).singleElement().satisfies(l -> {
            assertThat(l.routeOrNull()).isEqualTo(TRIGGER_SUMMARY);
            assertThat(l.reason()).contains("turn_number").contains(turnNumber.substring(0, 3));
        });
        assertThat(driver.sink(ANALYTICS_SINK).messages()).hasSize(2);
        assertThat(driver.sink(AUDIT_SINK).messages()).hasSize(2);
        assertThat(driver.sink(SUMMARY_TRIGGER_SINK).bodies()).singleElement().asString().contains("s-0002");
    }

    @Test
    void shouldBoundTheWorkAndTheReasonWhenTurnNumberHasAMillionDigits() throws IOException {
        // GIVEN a window-closing turn whose turn_number has 1,000,000 digits
        ObjectNode bad = windowClosingTurn(r -> set(r, "NewImage", "turn_number", "N", "9".repeat(1_000_000)));

        // WHEN the batch is routed
        BatchResult result = driver.pipe(batch(bad));

        // THEN the route rejects it with a short reason that says the text was cut
        assertThat(result.batchItemFailures()).isEmpty();
        DeadLetter letter = driver.deadLetters().letters().get(0);
        assertThat(letter.reason()).hasSizeLessThan(DeadLetter.MAX_REASON_CHARS).contains("1000000 characters");
        assertThat(driver.sink(ANALYTICS_SINK).messages()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SESSION#", "SESSION#   ", "s-0001"})
    void shouldPoisonTheSessionRoutesWhenThePartitionKeyHoldsNoSessionId(String pk) throws IOException {
        // GIVEN a window-closing turn, a status change and a handoff whose partition key names no session
        ObjectNode turn = windowClosingTurn(r -> setKey(r, pk));
        ObjectNode status = record("meta-status-change.json", r -> setKey(r, pk));
        ObjectNode handoff = record("handoff-insert.json", r -> setKey(r, pk));

        // WHEN the batch is routed
        BatchResult result = driver.pipe(batch(turn, status, handoff));

        // THEN no summary trigger, event or page goes out with an empty session id: each route dead-letters its
        // record naming the key; all three still reach analytics and audit
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.sink(SUMMARY_TRIGGER_SINK).messages()).isEmpty();
        assertThat(driver.sink(STATUS_EVENTS_SINK).messages()).isEmpty();
        assertThat(driver.sink(HANDOFFS_SINK).messages()).isEmpty();
        assertThat(driver.deadLetters().letters()).extracting(DeadLetter::routeOrNull)
                .containsExactlyInAnyOrder(TRIGGER_SUMMARY, PUBLISH_STATUS_CHANGE, PAGE_HANDOFF);
        assertThat(driver.deadLetters().letters()).allSatisfy(l ->
                assertThat(l.reason()).contains("not a session partition key").contains(pk));
        assertThat(driver.sink(ANALYTICS_SINK).messages()).hasSize(3);
        assertThat(driver.sink(AUDIT_SINK).messages()).hasSize(3);
    }

    @Test
    void shouldPoisonTheSummaryRouteWhenTheSessionKeyIsLongerThanTheSummaryFunctionTakes() throws IOException {
        // GIVEN a window-closing turn whose partition key is 1,108 bytes (DynamoDB takes 2,048; a session key 1,024)
        ObjectNode turn = windowClosingTurn(r -> setKey(r, "SESSION#" + "a".repeat(1100)));

        // WHEN it is routed
        BatchResult result = driver.pipe(batch(turn));

        // THEN no trigger goes out that the summary function would refuse: the route dead-letters it, naming why
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.sink(SUMMARY_TRIGGER_SINK).messages()).isEmpty();
        assertThat(driver.deadLetters().letters()).singleElement().satisfies(l -> {
            assertThat(l.routeOrNull()).isEqualTo(TRIGGER_SUMMARY);
            assertThat(l.reason()).contains("at most 1024 UTF-8 bytes, was 1108");
        });
        assertThat(driver.sink(ANALYTICS_SINK).messages()).hasSize(1);
    }

    @Test
    void shouldDeadLetterTheWholeRecordNamingTheKeyWhenAKeyAttributeIsAMap() throws IOException {
        // GIVEN a record whose partition key is a map (a key is S, N or B), then a good record
        ObjectNode bad = windowClosingTurn(r -> ((ObjectNode) r.get("dynamodb").get("Keys"))
                .set("PK", json("{\"M\":{\"id\":{\"S\":\"s-0001\"}}}")));
        ObjectNode good = windowClosingTurn(r -> r.put("eventID", "good-1"));

        // WHEN the batch is routed
        BatchResult result = driver.pipe(batch(bad, good));

        // THEN the bad record is one dead letter naming the key and its type; no audit line says "PK":null
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.deadLetters().letters()).singleElement().satisfies(l -> {
            assertThat(l.routeOrNull()).isNull();
            assertThat(l.reason()).contains("dynamodb.Keys.PK").contains("must be of type S, N or B, was M");
        });
        assertThat(driver.sink(AUDIT_SINK).bodies()).singleElement().asString().doesNotContain("\"PK\":null")
                .contains("good-1");
    }

    @Test
    void shouldWriteTheRightYearToAnalyticsWhenTheCreationTimeIsInMilliseconds() throws IOException {
        // GIVEN a record whose ApproximateCreationDateTime is written in epoch milliseconds
        ObjectNode record = windowClosingTurn(r -> ((ObjectNode) r.get("dynamodb"))
                .put("ApproximateCreationDateTime", 1795183295000L));

        // WHEN it is routed
        driver.pipe(batch(record));

        // THEN analytics says 2026, not the year 58857
        String line = driver.sink(ANALYTICS_SINK).bodies().get(0);
        assertThat(JSON.readTree(line).get("approximate_creation_time").asText()).startsWith("2026-11-20T");
    }

    @Test
    void shouldDeadLetterForTheSplitWhenTheStatusItTestsIsUnreadable() throws IOException {
        // GIVEN a META MODIFY whose old status has a type DynamoDB does not have (the split's predicate reads it)
        ObjectNode meta = record("meta-status-change.json", r -> ((ObjectNode) r.get("dynamodb").get("OldImage"))
                .set("status", json("{\"STRING\":\"active\"}")));

        // WHEN it is routed
        BatchResult result = driver.pipe(batch(meta));

        // THEN the batch does not fail: the split rejects the record under its name, and so does the status
        // aggregation, which reads the old status too; analytics and audit take it
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.deadLetters().letters()).extracting(DeadLetter::routeOrNull)
                .containsExactlyInAnyOrder(SPLIT, SESSIONS_BY_STATUS);
        assertThat(driver.deadLetters().letters()).allSatisfy(l -> assertThat(l.reason())
                .contains("dynamodb.OldImage.status").contains("unknown attribute type 'STRING'"));
        assertThat(driver.stateStore().all(SESSIONS_BY_STATUS)).isEmpty();
        assertThat(driver.sink(STATUS_EVENTS_SINK).messages()).isEmpty();
        assertThat(driver.sink(ANALYTICS_SINK).messages()).hasSize(1);
        assertThat(driver.sink(AUDIT_SINK).messages()).hasSize(1);
    }

    @Test
    void shouldKeepTheOtherRoutesWhenAnImageIsNotAMap() throws IOException {
        // GIVEN a handoff whose NewImage is a list
        ObjectNode handoff = record("handoff-insert.json", r -> ((ObjectNode) r.get("dynamodb"))
                .set("NewImage", json("[1,2]")));

        // WHEN it is routed
        BatchResult result = driver.pipe(batch(handoff));

        // THEN the page route and both aggregations (which read the new image) reject it, naming the image;
        // analytics and audit take it
        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(driver.deadLetters().letters()).extracting(DeadLetter::routeOrNull)
                .containsExactlyInAnyOrder(PAGE_HANDOFF, SESSIONS_BY_STATUS, HANDOFFS_BY_REASON);
        assertThat(driver.deadLetters().letters()).allSatisfy(l -> assertThat(l.reason())
                .contains("dynamodb.NewImage: must be a map of attributes"));
        List<Message> analytics = driver.sink(ANALYTICS_SINK).messages();
        assertThat(analytics).hasSize(1);
        assertThat(driver.sink(AUDIT_SINK).messages()).hasSize(1);
    }

    private static ObjectNode windowClosingTurn(Consumer<ObjectNode> edit) throws IOException {
        return record("turn-insert-window-closed.json", edit);
    }

    private static ObjectNode record(String file, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode r = (ObjectNode) JSON.readTree(Files.readString(event(file))).get("Records").get(0).deepCopy();
        edit.accept(r);
        return r;
    }

    /** Sets {@code dynamodb.<map>.<attribute> = {type: value}}. */
    private static void set(ObjectNode record, String map, String attribute, String type, String value) {
        ((ObjectNode) record.get("dynamodb").get(map)).set(attribute, JSON.createObjectNode().put(type, value));
    }

    /** The partition key, in Keys and in each image the record has. */
    private static void setKey(ObjectNode record, String pk) {
        for (String map : new String[] {"Keys", "NewImage", "OldImage"}) {
            if (record.get("dynamodb").has(map)) {
                set(record, map, "PK", "S", pk);
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String batch(JsonNode... records) {
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").addAll(List.of(records));
        return event.toString();
    }
}
