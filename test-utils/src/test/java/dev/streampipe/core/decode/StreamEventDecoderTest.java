package dev.streampipe.core.decode;

import static dev.streampipe.core.decode.EventJson.event;
import static dev.streampipe.core.decode.EventJson.json;
import static dev.streampipe.core.decode.EventJson.set;
import static dev.streampipe.core.decode.EventJson.turnInsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.SequenceNumber;
import dev.streampipe.core.record.UserIdentity;
import dev.streampipe.testing.PipelineTestDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder's handling of whole events: times, raw record slices, entries that are not records, events that
 * cannot be read at all, TTL deletions and sequence order. Field-level errors: {@link StreamEventDecoderFieldTest}.
 */
class StreamEventDecoderTest {
    private final StreamEventDecoder decoder = new StreamEventDecoder();

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("fractionalTimes")
    void shouldKeepTheFractionWhenApproximateCreationDateTimeHasFractionalSeconds(String seconds, Instant expected) {
        // GIVEN a record whose ApproximateCreationDateTime is a JSON number of epoch seconds
        ObjectNode record = turnInsert(r -> set(r, "/dynamodb/ApproximateCreationDateTime", json(seconds)));

        // WHEN it is decoded
        ChangeRecord decoded = decodeOne(event(record));

        // THEN the seconds are read as seconds (not milliseconds), fraction kept
        assertThat(decoded.approximateCreationTime()).isEqualTo(expected);
    }

    static Stream<Arguments> fractionalTimes() {
        return Stream.of(
                Arguments.of("1795183505.085", Instant.parse("2026-11-20T14:05:05.085Z")),
                Arguments.of("1795183505.5", Instant.parse("2026-11-20T14:05:05.500Z")),
                Arguments.of("1795183505.000000001", Instant.ofEpochSecond(1795183505L, 1)),
                Arguments.of("1.795183505085E9", Instant.parse("2026-11-20T14:05:05.085Z")),
                Arguments.of("1795183200", Instant.parse("2026-11-20T14:00:00Z")));
    }

    @Test
    void shouldKeepMillisecondsWhenTheSampleBatchHasFractionalTimes() {
        // GIVEN mixed-batch.json, where 35 records carry a millisecond fraction (events/README.md)
        byte[] json = EventJson.bytes(PipelineTestDriver.event("mixed-batch.json"));

        // WHEN it is decoded
        List<ChangeRecord> records = decoder.decode(json).records();

        // THEN exactly those 35 have a sub-second part, all whole milliseconds
        assertThat(records).hasSize(140);
        assertThat(records).filteredOn(r -> r.approximateCreationTime().getNano() != 0).hasSize(35)
                .allSatisfy(r -> assertThat(r.approximateCreationTime().getNano() % 1_000_000).isZero());
    }

    @Test
    void shouldMakeOnlyThatEntryMalformedWhenARecordIsNotAnObject() {
        // GIVEN a Records array with a string, a null and a number between good records
        String good = turnInsert(r -> { }).toString();
        String json = "{\"Records\":[" + good + ",\"oops\",null,[1,{\"a\":2}]," + good + "]}";

        // WHEN it is decoded
        DecodedBatch batch = decoder.decode(json.getBytes(StandardCharsets.UTF_8));

        // THEN each non-object entry is malformed on its own, named by index, with its raw text; the rest decode
        assertThat(batch.outcomes()).extracting(DecodeOutcome::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(batch.records()).hasSize(2);
        assertThat(batch.malformed()).extracting(DecodeOutcome.Malformed::field)
                .containsExactly("Records[1]", "Records[2]", "Records[3]");
        assertThat(batch.malformed()).extracting(DecodeOutcome.Malformed::reason).containsExactly(
                "record must be a JSON object, was VALUE_STRING", "record must be a JSON object, was VALUE_NULL",
                "record must be a JSON object, was START_ARRAY");
        assertThat(batch.malformed()).extracting(m -> m.raw().json())
                .containsExactly("\"oops\"", "null", "[1,{\"a\":2}]");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("unreadableEvents")
    void shouldThrowMalformedEventExceptionWhenTheEventAsAWholeCannotBeRead(String json, String expectedMessage) {
        // GIVEN an event that is not JSON, or has no Records array
        // WHEN it is decoded THEN the exception says why
        assertThatThrownBy(() -> decoder.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining(expectedMessage);
    }

    static Stream<Arguments> unreadableEvents() {
        String good = turnInsert(r -> { }).toString();
        return Stream.of(
                Arguments.of("", "event must be a JSON object with a Records array"),
                Arguments.of("null", "event must be a JSON object with a Records array"),
                Arguments.of("[" + good + "]", "event must be a JSON object with a Records array"),
                Arguments.of("{}", "event has no Records array"),
                Arguments.of("{\"records\":[" + good + "]}", "event has no Records array"),
                Arguments.of("{\"Records\":{}}", "Records must be an array, was START_OBJECT"),
                Arguments.of("{\"Records\":null}", "Records must be an array, was VALUE_NULL"),
                Arguments.of("not json", "event is not valid JSON after 0 records: Unrecognized token 'not'"),
                Arguments.of("{\"Records\":[" + good + "," + good.substring(0, 40),
                        "event is not valid JSON after 1 records"),
                Arguments.of("{\"Records\":[" + good + "]", "event is not valid JSON after 1 records"),
                Arguments.of("{\"Records\":[" + good + ",}]}", "event is not valid JSON after 1 records"),
                Arguments.of("{\"Records\":[\u00ff]}", "event is not valid JSON after 0 records"));
    }

    @Test
    void shouldSliceEachRecordsExactTextWhenTheEventHasWhitespaceAndNonAsciiText() {
        // GIVEN records laid out by hand (odd whitespace, multi-byte UTF-8 before and inside them), one malformed
        String first = turnInsert(r -> set(r, "/dynamodb/NewImage/content/S", TextNode.valueOf("Grüße, 日本 🚀")))
                .toPrettyString();
        String second = "{ \"eventID\" : \"é\",\n\t\"eventName\":\"INSERT\" , \"dynamodb\": {\"Keys\": []} }";
        String third = turnInsert(r -> set(r, "/eventID", TextNode.valueOf("ünïcödé-ïd"))).toString();
        List<String> texts = List.of(first, second, third);
        String json = "{\"note\":\"ñ🚀\",\r\n \"Records\" : [ " + first + " ,\n\n" + second + "," + third + "\n] }";

        // WHEN it is decoded
        DecodedBatch batch = decoder.decode(json.getBytes(StandardCharsets.UTF_8));

        // THEN each outcome's raw record is exactly that record's text, malformed or not
        assertThat(batch.outcomes()).hasSize(3);
        List<String> raws = new ArrayList<>();
        for (DecodeOutcome o : batch.outcomes()) {
            raws.add(o.raw().json());
            assertThat(o.raw().toBytes()).isEqualTo(texts.get(o.index()).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(raws).containsExactlyElementsOf(texts);
        assertThat(batch.outcomes().get(1)).isInstanceOf(DecodeOutcome.Malformed.class);
    }

    @Test
    void shouldSliceTheRecordVerbatimWhenReadFromASampleFile() throws Exception {
        // GIVEN a pretty-printed sample event with one record
        String text = Files.readString(PipelineTestDriver.event("turn-insert.json"), StandardCharsets.UTF_8);
        String recordText = text.substring(text.indexOf('{', text.indexOf('[')),
                text.lastIndexOf('}', text.lastIndexOf(']')) + 1);

        // WHEN it is decoded
        DecodeOutcome outcome = decoder.decode(text.getBytes(StandardCharsets.UTF_8)).outcomes().get(0);

        // THEN the raw record is the file's text of that record, indentation and all
        assertThat(outcome.raw().json()).isEqualTo(recordText);
    }

    @Test
    void shouldRecognizeATtlDeletionWhenDynamoDbRemovedTheItem() {
        // GIVEN the TTL removal sample, and the same removal made by a user (no userIdentity) and by another service
        ObjectNode ttl = EventJson.record("ttl-remove.json", 0);
        ObjectNode byUser = ttl.deepCopy();
        byUser.remove("userIdentity");
        ObjectNode byOther = ttl.deepCopy();
        set(byOther, "/userIdentity/principalId", TextNode.valueOf("lambda.amazonaws.com"));
        ObjectNode ttlInsert = ttl.deepCopy();
        set(ttlInsert, "/eventName", TextNode.valueOf("INSERT"));

        // WHEN they are decoded
        List<ChangeRecord> records = decoder.decode(event(ttl, byUser, byOther, ttlInsert)
                .getBytes(StandardCharsets.UTF_8)).records();

        // THEN only DynamoDB's own REMOVE is a TTL deletion
        assertThat(records.get(0).userIdentity()).isEqualTo(new UserIdentity("Service", "dynamodb.amazonaws.com"));
        assertThat(records).extracting(ChangeRecord::isTtlDeletion).containsExactly(true, false, false, false);
        assertThat(records.get(1).userIdentity()).isNull();
        assertThat(records.get(0).newImage()).isEmpty();
        assertThat(records.get(0).oldImage().orElseThrow().number("ttl")).contains(new AttributeValue.N("1795089305"));
    }

    @Test
    void shouldCompareSequenceNumbersNumericallyWhenTheyDifferInLength() {
        // GIVEN records with sequence numbers "9", "10", "0010", "00009" and a 28-digit one
        String[] values = {"10", "9", "4421584500000000017450574611", "0010", "00009", "4421584500000000017450574610"};
        List<ObjectNode> records = new ArrayList<>();
        for (String v : values) {
            records.add(turnInsert(r -> set(r, "/dynamodb/SequenceNumber", TextNode.valueOf(v))));
        }

        // WHEN they are decoded
        List<SequenceNumber> seqs = decoder.decode(event(records.toArray(ObjectNode[]::new))
                .getBytes(StandardCharsets.UTF_8)).records().stream().map(ChangeRecord::sequenceNumber).toList();

        // THEN they order by numeric value, keep their text verbatim, and leading zeros do not change the value
        assertThat(seqs.get(1)).isLessThan(seqs.get(0));
        assertThat(seqs.get(0).compareTo(seqs.get(3))).isZero();
        assertThat(seqs.get(4).compareTo(seqs.get(1))).isZero();
        assertThat(seqs.get(4)).isLessThan(seqs.get(3));
        assertThat(seqs.get(5)).isLessThan(seqs.get(2));
        assertThat(seqs.stream().sorted().map(SequenceNumber::value).toList()).containsExactly(
                "9", "00009", "10", "0010", "4421584500000000017450574610", "4421584500000000017450574611");
    }

    @Test
    void shouldReadSequenceNumbersInFileOrderWhenTheSampleBatchIsDecoded() {
        // GIVEN mixed-batch-1000.json, whose sequence numbers strictly increase in file order
        byte[] json = EventJson.bytes(PipelineTestDriver.event("mixed-batch-1000.json"));

        // WHEN it is decoded
        List<SequenceNumber> seqs = decoder.decode(json).records().stream().map(ChangeRecord::sequenceNumber).toList();

        // THEN sorting them does not move any
        assertThat(seqs).hasSize(1000).isSortedAccordingTo(SequenceNumber::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void shouldStillNameTheSequenceNumberWhenTheBadFieldComesBeforeIt() {
        // GIVEN a record whose SizeBytes is not a number and whose SequenceNumber follows it
        ObjectNode record = turnInsert(r -> {
            ObjectNode dynamodb = (ObjectNode) r.get("dynamodb");
            com.fasterxml.jackson.databind.JsonNode sequence = dynamodb.remove("SequenceNumber");
            set(r, "/dynamodb/SizeBytes", json("\"ten\""));
            dynamodb.set("SequenceNumber", sequence);
        });

        // WHEN it is decoded
        DecodeOutcome.Malformed bad = decoder.decode(event(record).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .malformed().get(0);

        // THEN the error names the field, and the record's id and sequence number were still read
        assertThat(bad.field()).isEqualTo("Records[0].dynamodb.SizeBytes");
        assertThat(bad.sequenceNumber()).contains(record.get("dynamodb").get("SequenceNumber").asText());
        assertThat(bad.eventId()).contains(record.get("eventID").asText());
    }

    @Test
    void shouldDecodeAnItemNestedAsDeepAsDynamoDbAllows() {
        // GIVEN a record whose NewImage holds a map nested 32 levels deep (DynamoDB's limit) and a 64 KB name
        String value = "{\"S\":\"bottom\"}";
        for (int i = 0; i < 32; i++) {
            value = "{\"M\":{\"a\":" + value + "}}";
        }
        String nested = value;
        String longName = "n".repeat(65_000);
        ObjectNode record = turnInsert(r -> {
            set(r, "/dynamodb/NewImage/deep", json(nested));
            ((ObjectNode) r.get("dynamodb").get("NewImage")).set(longName, json("{\"S\":\"x\"}"));
        });

        // WHEN it is decoded
        ChangeRecord decoded = decodeOne(event(record));

        // THEN every level is there
        dev.streampipe.core.record.AttributeValue v = decoded.newImage().orElseThrow().get("deep").orElseThrow();
        for (int i = 0; i < 32; i++) {
            v = ((dev.streampipe.core.record.AttributeValue.M) v).values().get("a");
        }
        assertThat(v).isEqualTo(new dev.streampipe.core.record.AttributeValue.S("bottom"));
        assertThat(decoded.newImage().orElseThrow().string(longName)).contains("x");
    }

    private ChangeRecord decodeOne(String json) {
        DecodedBatch batch = decoder.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(batch.malformed()).isEmpty();
        assertThat(batch.records()).hasSize(1);
        return batch.records().get(0);
    }
}
