package dev.streampipe.core.decode;

import static dev.streampipe.core.decode.EventJson.event;
import static dev.streampipe.core.decode.EventJson.json;
import static dev.streampipe.core.decode.EventJson.remove;
import static dev.streampipe.core.decode.EventJson.set;
import static dev.streampipe.core.decode.EventJson.turnInsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.streampipe.core.record.InvalidAttributeException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder's errors in one record. In the envelope or keys each makes that record {@link DecodeOutcome.Malformed};
 * in an image it makes only that attribute unreadable. Either way the error names the record and the field by a JSON
 * path, says what is wrong, and leaves the other records of the batch alone.
 */
class StreamEventDecoderFieldTest {
    private static final String TURN_EVENT_ID = "4c83cf3b8c0a70a7a84567f9953a5154";

    private final StreamEventDecoder decoder = new StreamEventDecoder();

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNumbers")
    void shouldRejectOnlyTheAttributeWhenAnNValueIsNotADynamoDbNumber(String pointer, String value,
                                                                       String expectedField) {
        // GIVEN a batch whose first record carries a bad number somewhere in its new image, and a good second record
        ObjectNode bad = turnInsert(r -> {
            set(r, "/dynamodb/NewImage/metadata", json("{\"M\":{\"csat\":{\"N\":\"5\"},"
                    + "\"ids\":{\"L\":[{\"S\":\"a\"},{\"N\":\"1\"}]},\"scores\":{\"NS\":[\"1\",\"2.5\"]}}}"));
            set(r, pointer, TextNode.valueOf(value));
        });

        // WHEN it is decoded
        DecodedBatch batch = decoder.decode(event(bad, turnInsert(r -> { })).getBytes(StandardCharsets.UTF_8));

        // THEN the first record still decodes (keys, other attributes), and reading the bad attribute throws, naming
        // record, field and value; the second record decodes
        String message = invalidAttribute(batch, 0, expectedField);
        assertThat(message).contains("not a DynamoDB number").contains("'" + AttributeJson.abbreviate(value) + "'");
        assertThat(batch.outcomes().get(1)).isInstanceOf(DecodeOutcome.Decoded.class);
    }

    static Stream<Arguments> badNumbers() {
        return Stream.of(
                Arguments.of("/dynamodb/NewImage/turn_number/N", "seven",
                        "Records[0].dynamodb.NewImage.turn_number.N"),
                Arguments.of("/dynamodb/NewImage/turn_number/N", "1.2.3",
                        "Records[0].dynamodb.NewImage.turn_number.N"),
                Arguments.of("/dynamodb/NewImage/turn_number/N", "",
                        "Records[0].dynamodb.NewImage.turn_number.N"),
                Arguments.of("/dynamodb/NewImage/turn_number/N", "NaN",
                        "Records[0].dynamodb.NewImage.turn_number.N"),
                Arguments.of("/dynamodb/NewImage/metadata/M/csat/N", "5 stars",
                        "Records[0].dynamodb.NewImage.metadata.M.csat.N"),
                Arguments.of("/dynamodb/NewImage/metadata/M/ids/L/1/N", "0x1F",
                        "Records[0].dynamodb.NewImage.metadata.M.ids.L[1].N"),
                Arguments.of("/dynamodb/NewImage/metadata/M/scores/NS/1", "2,5",
                        "Records[0].dynamodb.NewImage.metadata.M.scores.NS[1]"),
                Arguments.of("/dynamodb/NewImage/turn_number/N", "1e9999999999",
                        "Records[0].dynamodb.NewImage.turn_number.N"),
                Arguments.of("/dynamodb/NewImage/turn_number/N", "1" + "0".repeat(126),
                        "Records[0].dynamodb.NewImage.turn_number.N"),
                Arguments.of("/dynamodb/NewImage/turn_number/N", "1E-131",
                        "Records[0].dynamodb.NewImage.turn_number.N"),
                Arguments.of("/dynamodb/NewImage/turn_number/N", "1234567890123456789012345678901234567.89",
                        "Records[0].dynamodb.NewImage.turn_number.N"),
                Arguments.of("/dynamodb/NewImage/metadata/M/scores/NS/0", "-1e126",
                        "Records[0].dynamodb.NewImage.metadata.M.scores.NS[0]"));
    }

    @Test
    void shouldRefuseAMillionDigitNumberWithoutReadingItWhole() {
        // GIVEN a turn whose turn_number has 1,000,000 digits (no DynamoDB number has more than 38 significant)
        String huge = "7".repeat(1_000_000);
        ObjectNode record = turnInsert(r -> set(r, "/dynamodb/NewImage/turn_number/N", TextNode.valueOf(huge)));

        // WHEN it is decoded and the attribute read
        DecodedBatch batch = decoder.decode(event(record).getBytes(StandardCharsets.UTF_8));
        String message = invalidAttribute(batch, 0, "Records[0].dynamodb.NewImage.turn_number.N");

        // THEN the reason says why in a bounded message that says it was cut
        assertThat(message).contains("1000000 characters long").contains("characters in all").hasSizeLessThan(300);
    }

    @Test
    void shouldMakeTheWholeImageUnreadableButKeepTheRecordWhenTheImageIsNotAMap() {
        // GIVEN a record whose NewImage is a string
        ObjectNode record = turnInsert(r -> set(r, "/dynamodb/NewImage", TextNode.valueOf("oops")));

        // WHEN it is decoded
        DecodeOutcome outcome = decoder.decode(event(record).getBytes(StandardCharsets.UTF_8)).outcomes().get(0);

        // THEN the record decodes; any read of the image throws, naming the field
        assertThat(outcome).isInstanceOf(DecodeOutcome.Decoded.class);
        var decoded = ((DecodeOutcome.Decoded) outcome).record();
        assertThat(decoded.keys().keyText("PK")).isPresent();
        assertThat(decoded.newImage()).isPresent();
        assertThatThrownBy(() -> decoded.newImage().get().string("role"))
                .isInstanceOf(InvalidAttributeException.class)
                .hasMessage("Records[0].dynamodb.NewImage: must be a map of attributes, was VALUE_STRING");
        assertThat(decoded.newImage().get().toString()).contains("unreadable");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badKeys")
    void shouldMakeTheRecordMalformedWhenAKeyAttributeBreaksDynamoDbsKeyRules(String value, String field,
                                                                              String reason) {
        // GIVEN a record whose partition key is not a non-empty S, N or B within DynamoDB's size limit
        ObjectNode record = turnInsert(r -> set(r, "/dynamodb/Keys/PK", json(value)));

        // WHEN it is decoded
        DecodeOutcome.Malformed m = decodeMalformed(event(record, turnInsert(r -> { })));

        // THEN the key is named with what is wrong with it
        assertThat(m.field()).isEqualTo(field);
        assertThat(m.reason()).startsWith(reason);
    }

    static Stream<Arguments> badKeys() {
        String pk = "Records[0].dynamodb.Keys.PK";
        return Stream.of(
                Arguments.of("{\"M\":{\"a\":{\"S\":\"b\"}}}", pk, "a key attribute must be of type S, N or B, was M"),
                Arguments.of("{\"BOOL\":true}", pk, "a key attribute must be of type S, N or B, was BOOL"),
                Arguments.of("{\"SS\":[\"a\"]}", pk, "a key attribute must be of type S, N or B, was SS"),
                Arguments.of("{\"NULL\":true}", pk, "a key attribute must be of type S, N or B, was NULL"),
                Arguments.of("{\"S\":\"\"}", pk + ".S", "a key attribute must not be empty"),
                Arguments.of("{\"B\":\"\"}", pk + ".B", "a key attribute must not be empty"),
                Arguments.of("{\"S\":\"" + "k".repeat(2049) + "\"}", pk + ".S",
                        "a key attribute must be at most 2048 bytes, was 2049"),
                Arguments.of("{\"N\":\"1e9999999999\"}", pk + ".N", "not a DynamoDB number: '1e9999999999'"));
    }

    @Test
    void shouldNotClaimAnEventIdOrSequenceNumberLongerThanAnyDynamoDbWrites() {
        // GIVEN a record with a 300-character eventID, and one with a 65-digit sequence number
        ObjectNode longId = turnInsert(r -> set(r, "/eventID", TextNode.valueOf("e".repeat(300))));
        ObjectNode longSequence = turnInsert(r -> set(r, "/dynamodb/SequenceNumber", TextNode.valueOf("7".repeat(65))));

        // WHEN they are decoded
        DecodedBatch batch = decoder.decode(event(longId, longSequence).getBytes(StandardCharsets.UTF_8));

        // THEN each is malformed at that field, and the bad value is not carried on (into a ledger key, a response)
        DecodeOutcome.Malformed id = (DecodeOutcome.Malformed) batch.outcomes().get(0);
        assertThat(id.field()).isEqualTo("Records[0].eventID");
        assertThat(id.reason()).startsWith("must be at most 256 characters, was 300");
        assertThat(id.eventId()).isEmpty();
        DecodeOutcome.Malformed sequence = (DecodeOutcome.Malformed) batch.outcomes().get(1);
        assertThat(sequence.field()).isEqualTo("Records[1].dynamodb.SequenceNumber");
        assertThat(sequence.reason()).startsWith("must be at most 64 digits, was 65");
        assertThat(sequence.sequenceNumber()).isEmpty();
    }

    @Test
    void shouldMakeTheRecordMalformedWhenItsKeysAreNoDynamoDbKey() {
        // GIVEN a record with three key attributes, and one with an empty key attribute name
        ObjectNode three = turnInsert(r -> set(r, "/dynamodb/Keys/extra", json("{\"S\":\"x\"}")));
        ObjectNode unnamed = turnInsert(r -> {
            remove(r, "/dynamodb/Keys/SK");
            set(r, "/dynamodb/Keys/", json("{\"S\":\"x\"}"));
        });

        // WHEN they are decoded
        DecodedBatch batch = decoder.decode(event(three, unnamed).getBytes(StandardCharsets.UTF_8));

        // THEN each is malformed at its keys
        assertThat(((DecodeOutcome.Malformed) batch.outcomes().get(0)).reason())
                .isEqualTo("a DynamoDB key has a partition key and at most a sort key, was 3 attributes");
        assertThat(((DecodeOutcome.Malformed) batch.outcomes().get(1)).reason())
                .isEqualTo("a key attribute name must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws:sqs", "aws:kinesis", "aws:s3"})
    void shouldSayTheRecordIsNotADynamoDbStreamRecordWhenItsEventSourceIsAnotherService(String source) {
        // GIVEN a record from another service (an SQS message has no eventID, no dynamodb)
        ObjectNode record = (ObjectNode) json("{\"messageId\":\"m1\",\"body\":\"hi\",\"eventSource\":\""
                + source + "\"}");

        // WHEN it is decoded
        DecodeOutcome.Malformed m = decodeMalformed(event(record));

        // THEN the reason names the source, not a missing field
        assertThat(m.field()).isEqualTo("Records[0].eventSource");
        assertThat(m.reason()).isEqualTo("not a DynamoDB stream record: eventSource is '" + source
                + "', not 'aws:dynamodb'");
    }

    @Test
    void shouldNotReadFieldsInsideANonStringEventSourceAsTheRecordsOwn() {
        // GIVEN a record whose eventSource is an object holding an eventID and a dynamodb.SequenceNumber
        ObjectNode record = (ObjectNode) json("{\"eventSource\":{\"eventID\":\"zz\",\"dynamodb\":"
                + "{\"SequenceNumber\":\"1\"}}}");

        // WHEN it is decoded
        DecodeOutcome.Malformed m = decodeMalformed(event(record));

        // THEN it is not a stream record, and claims neither that id nor that sequence number
        assertThat(m.reason()).startsWith("not a DynamoDB stream record: eventSource is 'an object'");
        assertThat(m.eventId()).isEmpty();
        assertThat(m.sequenceNumber()).isEmpty();
    }

    @Test
    void shouldMakeTheRecordMalformedWhenTheCreationTimeHasAnExponentBeyondAnyNumber() {
        // GIVEN a record whose ApproximateCreationDateTime is 1e9999999999, and a good one
        ObjectNode record = turnInsert(r -> set(r, "/dynamodb/ApproximateCreationDateTime", json("1234567890123")));
        String json = event(record, turnInsert(r -> { })).replace("1234567890123", "1e9999999999");

        // WHEN they are decoded
        DecodedBatch batch = decoder.decode(json.getBytes(StandardCharsets.UTF_8));

        // THEN the first is malformed at that field (not an exception for the whole batch)
        DecodeOutcome.Malformed m = (DecodeOutcome.Malformed) batch.outcomes().get(0);
        assertThat(m.field()).isEqualTo("Records[0].dynamodb.ApproximateCreationDateTime");
        assertThat(m.reason()).contains("1e9999999999");
        assertThat(batch.outcomes().get(1)).isInstanceOf(DecodeOutcome.Decoded.class);
    }

    @Test
    void shouldCompareAndHashRecordsWhoseImagesHoldUnreadableAttributes() {
        // GIVEN the same record with a bad number, decoded twice, and one with a different bad number
        ObjectNode bad = turnInsert(r -> set(r, "/dynamodb/NewImage/turn_number/N", TextNode.valueOf("1e999")));
        ObjectNode other = turnInsert(r -> set(r, "/dynamodb/NewImage/turn_number/N", TextNode.valueOf("1e998")));
        var a = decoder.decode(event(bad).getBytes(StandardCharsets.UTF_8)).records().get(0);
        var b = decoder.decode(event(bad).getBytes(StandardCharsets.UTF_8)).records().get(0);
        var c = decoder.decode(event(other).getBytes(StandardCharsets.UTF_8)).records().get(0);

        // WHEN / THEN equality and hashing work (a set of records never fails a batch) and tell them apart
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(java.util.Set.of(a, c)).hasSize(2);
    }

    @Test
    void shouldSayTheRecordIsNotADynamoDbStreamRecordWhenItIsAnSnsRecord() {
        // GIVEN an SNS record, which spells the field EventSource
        ObjectNode record = (ObjectNode) json("{\"EventSource\":\"aws:sns\",\"Sns\":{\"Message\":\"x\"}}");

        // WHEN it is decoded
        DecodeOutcome.Malformed m = decodeMalformed(event(record));

        // THEN the reason names the source
        assertThat(m.reason()).startsWith("not a DynamoDB stream record: eventSource is 'aws:sns'");
    }

    @Test
    void shouldRefuseTheEventByNameWhenItIsUtf16() {
        // GIVEN a good event encoded as UTF-16 (with and without a byte-order mark)
        String event = event(turnInsert(r -> { }));

        // WHEN / THEN each is refused as not UTF-8, not as a bad slice
        for (java.nio.charset.Charset cs : new java.nio.charset.Charset[] {StandardCharsets.UTF_16,
                StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, java.nio.charset.Charset.forName("UTF-32")}) {
            assertThatThrownBy(() -> decoder.decode(event.getBytes(cs)))
                    .as(cs.name())
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("not UTF-8");
        }
    }

    @Test
    void shouldDecodeTheEventWhenItStartsWithAUtf8ByteOrderMark() {
        // GIVEN a good event behind a UTF-8 byte-order mark
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = event(turnInsert(r -> { })).getBytes(StandardCharsets.UTF_8);
        byte[] json = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, json, 0, bom.length);
        System.arraycopy(body, 0, json, bom.length, body.length);

        // WHEN it is decoded
        DecodedBatch batch = decoder.decode(json);

        // THEN the record decodes and its raw text is the record object exactly
        assertThat(batch.outcomes().get(0)).isInstanceOf(DecodeOutcome.Decoded.class);
        assertThat(batch.outcomes().get(0).raw().json()).startsWith("{").endsWith("}");
    }

    @Test
    void shouldRejectOnlyTheAttributeWhenAStringIsLongerThanAnyItem() {
        // GIVEN a content string of 500,000 characters (an item holds at most 400 KB)
        ObjectNode record = turnInsert(r -> set(r, "/dynamodb/NewImage/content", json("{\"S\":\""
                + "x".repeat(500_000) + "\"}")));

        // WHEN it is decoded
        DecodedBatch batch = decoder.decode(event(record).getBytes(StandardCharsets.UTF_8));

        // THEN only content is unreadable
        String message = invalidAttribute(batch, 0, "Records[0].dynamodb.NewImage.content.S");
        assertThat(message).contains("500000 characters");
        var image = ((DecodeOutcome.Decoded) batch.outcomes().get(0)).record().newImage().orElseThrow();
        assertThat(image.number("turn_number")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"44215845000000000174505746x1", "-1", "1e5", " 12", "\u0664\u0664\u0662\u0661", ""})
    void shouldRejectTheSequenceNumberWhenItIsNotDecimalDigits(String sequence) {
        // GIVEN a record whose SequenceNumber is not made of ASCII digits
        ObjectNode record = turnInsert(r -> set(r, "/dynamodb/SequenceNumber", TextNode.valueOf(sequence)));

        // WHEN it is decoded
        DecodeOutcome.Malformed m = decodeMalformed(event(record));

        // THEN the record is malformed at its SequenceNumber, and no sequence number is claimed for it
        assertThat(m.field()).isEqualTo("Records[0].dynamodb.SequenceNumber");
        assertThat(m.reason()).containsAnyOf("must be decimal digits", "must not be empty");
        assertThat(m.sequenceNumber()).isEmpty();
        assertThat(m.eventId()).contains(TURN_EVENT_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X", "s", "STRING", ""})
    void shouldNameTheAttributeWhenItsTypeDescriptorIsUnknown(String type) {
        // GIVEN an attribute value with a type descriptor DynamoDB does not have
        ObjectNode record = turnInsert(r -> set(r, "/dynamodb/NewImage/role",
                EventJson.MAPPER.createObjectNode().put(type, "user")));

        // WHEN it is decoded
        DecodedBatch batch = decoder.decode(event(record).getBytes(StandardCharsets.UTF_8));

        // THEN the attribute is named, and the unknown type quoted, when it is read
        assertThat(invalidAttribute(batch, 0, "Records[0].dynamodb.NewImage.role"))
                .endsWith("unknown attribute type '" + type + "'");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongTypes")
    void shouldNameTheFieldWhenAValueHasTheWrongJsonType(String pointer, String value, String field, String reason) {
        // GIVEN a record with one value of the wrong JSON type
        ObjectNode record = turnInsert(r -> set(r, pointer, json(value)));

        // WHEN it is decoded
        String json = event(record);

        // THEN the field is named and the reason says what was expected and what came: in the envelope or keys the
        // record is malformed; in an image only that attribute is unreadable
        if (field.startsWith("Records[0].dynamodb.NewImage.")) {
            String message = invalidAttribute(decoder.decode(json.getBytes(StandardCharsets.UTF_8)), 0, field);
            assertThat(message).isEqualTo(field + ": " + reason);
        } else {
            DecodeOutcome.Malformed m = decodeMalformed(json);
            assertThat(m.field()).isEqualTo(field);
            assertThat(m.reason()).isEqualTo(reason);
        }
    }

    static Stream<Arguments> wrongTypes() {
        String item = "/dynamodb/NewImage/";
        String at = "Records[0].dynamodb.NewImage.";
        return Stream.of(
                Arguments.of("/eventID", "42", "Records[0].eventID", "must be a string, was number 42"),
                Arguments.of("/eventName", "\"UPSERT\"", "Records[0].eventName", "unknown value 'UPSERT'"),
                Arguments.of("/eventName", "null", "Records[0].eventName", "must be a string, was null"),
                Arguments.of("/awsRegion", "[]", "Records[0].awsRegion", "must be a string, was an array"),
                Arguments.of("/userIdentity", "\"ttl\"", "Records[0].userIdentity",
                        "must be an object, was VALUE_STRING"),
                Arguments.of("/dynamodb", "[]", "Records[0].dynamodb", "must be an object, was START_ARRAY"),
                Arguments.of("/dynamodb/SizeBytes", "\"174\"", "Records[0].dynamodb.SizeBytes",
                        "must be a whole number, was string '174'"),
                Arguments.of("/dynamodb/SizeBytes", "174.5", "Records[0].dynamodb.SizeBytes",
                        "must be a whole number, was number 174.5"),
                Arguments.of("/dynamodb/SizeBytes", "-1", "Records[0].dynamodb.SizeBytes", "must be >= 0, was -1"),
                Arguments.of("/dynamodb/SequenceNumber", "4421584500000000017450574611",
                        "Records[0].dynamodb.SequenceNumber",
                        "must be a string, was number 4421584500000000017450574611"),
                Arguments.of("/dynamodb/ApproximateCreationDateTime", "\"2026-11-20T14:00:00Z\"",
                        "Records[0].dynamodb.ApproximateCreationDateTime",
                        "must be a number of epoch seconds, was string '2026-11-20T14:00:00Z'"),
                Arguments.of("/dynamodb/StreamViewType", "\"BOTH\"", "Records[0].dynamodb.StreamViewType",
                        "unknown value 'BOTH'"),
                Arguments.of("/dynamodb/Keys", "[]", "Records[0].dynamodb.Keys",
                        "must be a map of attributes, was START_ARRAY"),
                Arguments.of("/dynamodb/Keys", "{}", "Records[0].dynamodb.Keys",
                        "must name at least one key attribute"),
                Arguments.of(item + "role", "\"user\"", at + "role",
                        "must be an attribute value object like {\"S\":\"...\"}, was VALUE_STRING"),
                Arguments.of(item + "role", "{}", at + "role", "attribute value has no type descriptor"),
                Arguments.of(item + "role", "{\"S\":\"user\",\"N\":\"1\"}", at + "role",
                        "attribute value must have exactly one type descriptor"),
                Arguments.of(item + "role/S", "5", at + "role.S", "must be a string, was number 5"),
                Arguments.of(item + "flag", "{\"BOOL\":\"true\"}", at + "flag.BOOL",
                        "must be true or false, was string 'true'"),
                Arguments.of(item + "flag", "{\"NULL\":false}", at + "flag.NULL", "must be true"),
                Arguments.of(item + "tags", "{\"SS\":\"a\"}", at + "tags.SS",
                        "must be an array of strings, was VALUE_STRING"),
                Arguments.of(item + "tags", "{\"SS\":[\"a\",1]}", at + "tags.SS[1]", "must be a string, was number 1"),
                Arguments.of(item + "list", "{\"L\":{}}", at + "list.L", "must be an array, was START_OBJECT"),
                Arguments.of(item + "list", "{\"L\":[{\"S\":\"a\"},\"b\"]}", at + "list.L[1]",
                        "must be an attribute value object like {\"S\":\"...\"}, was VALUE_STRING"),
                Arguments.of(item + "map", "{\"M\":[]}", at + "map.M", "must be a map of attributes, was START_ARRAY"),
                Arguments.of(item + "map", "{\"M\":null}", at + "map", "attribute value has no type descriptor"),
                Arguments.of(item + "role", "{\"S\":null,\"N\":null}", at + "role",
                        "attribute value has no type descriptor"),
                Arguments.of(item + "role", "{\"S\":\"user\",\"N\":null,\"BOOL\":true}", at + "role",
                        "attribute value must have exactly one type descriptor"),
                Arguments.of(item + "content", "{\"B\":\"not base64!\"}", at + "content.B",
                        "not base64: Illegal base64 character 20"),
                Arguments.of(item + "files", "{\"BS\":[\"AAEC\",\"A\"]}", at + "files.BS[1]",
                        "not base64: Input byte[] should at least have 2 bytes for base64 bytes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/eventID", "/eventName", "/dynamodb", "/dynamodb/SequenceNumber", "/dynamodb/Keys"})
    void shouldNameTheFieldWhenARequiredFieldIsMissing(String pointer) {
        // GIVEN a record without one required field
        ObjectNode record = turnInsert(r -> remove(r, pointer));

        // WHEN it is decoded
        DecodeOutcome.Malformed m = decodeMalformed(event(record));

        // THEN that field is named as missing
        assertThat(m.field()).isEqualTo("Records[0]." + pointer.substring(1).replace('/', '.'));
        assertThat(m.reason()).isEqualTo("missing");
    }

    @Test
    void shouldDecodeTheRecordWhenEveryFieldAwsMarksOptionalIsAbsent() {
        // GIVEN a record with only eventID, eventName, SequenceNumber and Keys
        ObjectNode record = turnInsert(r -> {
            for (String pointer : new String[] {"/dynamodb/ApproximateCreationDateTime", "/dynamodb/SizeBytes",
                    "/dynamodb/StreamViewType", "/dynamodb/NewImage",
                    "/eventVersion", "/awsRegion", "/eventSourceARN", "/eventSource"}) {
                remove(r, pointer);
            }
        });

        // WHEN it is decoded
        DecodeOutcome outcome = decoder.decode(event(record).getBytes(StandardCharsets.UTF_8)).outcomes().get(0);

        // THEN it decodes, with each absent field reported as unknown
        assertThat(outcome).isInstanceOf(DecodeOutcome.Decoded.class);
        var decoded = ((DecodeOutcome.Decoded) outcome).record();
        assertThat(decoded.creationTime()).isEmpty();
        assertThat(decoded.viewType()).isEmpty();
        assertThat(decoded.sizeBytes()).isZero();
        assertThat(decoded.newImage()).isEmpty();
        assertThat(decoded.oldImage()).isEmpty();
        assertThat(decoded.userIdentity()).isNull();
        assertThat(decoded.awsRegion()).isNull();
        assertThat(decoded.keys().keyText("SK")).isPresent();
    }

    @Test
    void shouldReadTheOneRealTypeWhenAnAttributeValueHasExplicitNullMembers() {
        // GIVEN attribute values written with a null member for every other type, as SDK marshallers emit them
        String nulls = "\"B\":null,\"BOOL\":null,\"BS\":null,\"L\":null,\"M\":null,\"NS\":null,\"NULL\":null,\"SS\":null";
        ObjectNode record = turnInsert(r -> {
            set(r, "/dynamodb/NewImage/role", json("{" + nulls + ",\"N\":null,\"S\":\"user\"}"));
            set(r, "/dynamodb/NewImage/turn_number", json("{\"S\":null," + nulls + ",\"N\":\"7\"}"));
            set(r, "/dynamodb/NewImage/meta", json("{\"S\":null,\"N\":null,\"M\":{\"ok\":{\"BOOL\":true,\"S\":null}}}"));
        });

        // WHEN it is decoded
        DecodeOutcome outcome = decoder.decode(event(record).getBytes(StandardCharsets.UTF_8)).outcomes().get(0);

        // THEN each value reads as its one non-null type
        assertThat(outcome).isInstanceOf(DecodeOutcome.Decoded.class);
        var image = ((DecodeOutcome.Decoded) outcome).record().newImage().orElseThrow();
        assertThat(image.string("role")).contains("user");
        assertThat(image.number("turn_number").orElseThrow().longValue()).isEqualTo(7);
        assertThat(image.get("meta").orElseThrow()).isEqualTo(new dev.streampipe.core.record.AttributeValue.M(
                java.util.Map.of("ok", new dev.streampipe.core.record.AttributeValue.Bool(true))));
    }

    @Test
    void shouldMakeTheRecordMalformedWhenTheEventIdIsEmpty() {
        // GIVEN a record whose eventID is an empty string (consumers de-duplicate on it)
        ObjectNode record = turnInsert(r -> set(r, "/eventID", TextNode.valueOf("")));

        // WHEN it is decoded
        DecodeOutcome.Malformed m = decodeMalformed(event(record, turnInsert(r -> { })));

        // THEN it is one malformed record, not an exception for the whole batch
        assertThat(m.field()).isEqualTo("Records[0].eventID");
        assertThat(m.reason()).isEqualTo("must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999999", "40000000000000000", "-1", "1e400", "-0.5", "0", "5",
            "1300000000", "7300000000", "1000000000000", "7300000000000", "1e15"})
    void shouldMakeTheRecordMalformedWhenApproximateCreationDateTimeIsNoPlausibleTime(String time) {
        // GIVEN a record whose time is neither 2012..2200 in epoch seconds nor in epoch milliseconds
        ObjectNode record = turnInsert(r -> set(r, "/dynamodb/ApproximateCreationDateTime", json(time)));

        // WHEN it is decoded with a good record after it
        DecodedBatch batch = decoder.decode(event(record, turnInsert(r -> { })).getBytes(StandardCharsets.UTF_8));

        // THEN only that record is malformed, at that field, naming the value
        DecodeOutcome.Malformed m = (DecodeOutcome.Malformed) batch.outcomes().get(0);
        assertThat(m.field()).isEqualTo("Records[0].dynamodb.ApproximateCreationDateTime");
        assertThat(m.reason()).startsWith("not a plausible epoch time in seconds or milliseconds (2012..2200), was ");
        assertThat(batch.outcomes().get(1)).isInstanceOf(DecodeOutcome.Decoded.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1795191518000", "1795191518000.0", "1795191518"})
    void shouldReadTheCreationTimeInItsOwnUnitWhenItIsWrittenInMilliseconds(String time) {
        // GIVEN the same instant written in epoch milliseconds (as some serializers do) or seconds (as Lambda does)
        ObjectNode record = turnInsert(r -> set(r, "/dynamodb/ApproximateCreationDateTime", json(time)));

        // WHEN it is decoded
        DecodeOutcome outcome = decoder.decode(event(record).getBytes(StandardCharsets.UTF_8)).outcomes().get(0);

        // THEN it is the same instant in 2026, not the year 58857
        assertThat(((DecodeOutcome.Decoded) outcome).record().approximateCreationTime())
                .isEqualTo(java.time.Instant.ofEpochSecond(1795191518L));
    }

    /**
     * Asserts record {@code index} decoded and that reading the image attribute {@code field} names (e.g.
     * {@code Records[0].dynamodb.NewImage.turn_number.N}) throws {@link InvalidAttributeException} starting with
     * {@code field + ": "}; returns the message.
     */
    private static String invalidAttribute(DecodedBatch batch, int index, String field) {
        assertThat(batch.outcomes().get(index)).isInstanceOf(DecodeOutcome.Decoded.class);
        var record = ((DecodeOutcome.Decoded) batch.outcomes().get(index)).record();
        assertThat(record.keys().keyText("PK")).as("keys still read").isPresent();
        String attribute = field.substring(field.indexOf(".NewImage.") + ".NewImage.".length()).split("[.\\[]")[0];
        Throwable thrown = catchThrowable(() -> record.newImage().orElseThrow().get(attribute));
        assertThat(thrown).isInstanceOf(InvalidAttributeException.class);
        assertThat(thrown.getMessage()).startsWith(field + ": ");
        return thrown.getMessage();
    }

    private DecodeOutcome.Malformed decodeMalformed(String json) {
        DecodedBatch batch = decoder.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(batch.outcomes().get(0)).isInstanceOf(DecodeOutcome.Malformed.class);
        DecodeOutcome.Malformed m = (DecodeOutcome.Malformed) batch.outcomes().get(0);
        assertThat(m.index()).isZero();
        assertThat(m.message()).contains(m.field()).contains(m.reason());
        return m;
    }
}
