package dev.streampipe.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.core.decode.DecodeOutcome;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.MalformedEventException;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.Item;
import dev.streampipe.testing.PipelineTestDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The events-model decoder against the stream decoder, record by record: one record of {@code turn-insert.json}
 * changed to break one of DynamoDB's rules, read from the bytes by {@link StreamEventDecoder} and from the
 * {@link DynamodbEvent} Lambda's serializer makes of the same bytes by {@link DynamodbEventDecoder}. Where the model
 * can say what the bytes said, the outcomes are the same (malformed with the same field and reason, or decoded with
 * the same values and the same unreadable attributes); where it cannot, the difference is stated exactly.
 */
class DynamodbEventDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NUMBER_39_DIGITS = "123456789012345678901234567890123456789";
    private final StreamEventDecoder streamDecoder = new StreamEventDecoder();
    private final DynamodbEventDecoder modelDecoder = new DynamodbEventDecoder();

    static Stream<Arguments> recordsBothReadAlike() {
        return Stream.of(
                change("no change", r -> { }),
                change("no dynamodb.SequenceNumber", r -> dynamodb(r).remove("SequenceNumber")),
                change("a SequenceNumber of letters", r -> dynamodb(r).put("SequenceNumber", "12ab")),
                change("an empty SequenceNumber", r -> dynamodb(r).put("SequenceNumber", "")),
                change("a SequenceNumber of 65 digits", r -> dynamodb(r).put("SequenceNumber", "1".repeat(65))),
                change("no eventID", r -> r.remove("eventID")),
                change("an empty eventID", r -> r.put("eventID", "")),
                change("an eventID of 257 characters", r -> r.put("eventID", "e".repeat(257))),
                change("an unknown eventName", r -> r.put("eventName", "UPSERT")),
                change("no eventName", r -> r.remove("eventName")),
                change("another service's record", r -> r.put("eventSource", "aws:kinesis")),
                change("no dynamodb", r -> r.remove("dynamodb")),
                change("no Keys", r -> dynamodb(r).remove("Keys")),
                change("no key attribute", r -> dynamodb(r).putObject("Keys")),
                change("three key attributes", r -> keys(r).set("X", value("S", "x"))),
                change("a key number breaking DynamoDB's rules", r -> keys(r).set("PK", value("N", NUMBER_39_DIGITS))),
                change("a BOOL key", r -> keys(r).set("SK", NODES.objectNode().put("BOOL", true))),
                change("an empty key string", r -> keys(r).set("SK", value("S", ""))),
                change("a key of 2,049 bytes", r -> keys(r).set("SK", value("S", "k".repeat(2049)))),
                change("a key value with two types", r -> keys(r).set("SK", value("S", "a").put("N", "1"))),
                change("a key value with no type", r -> keys(r).set("SK", NODES.objectNode())),
                change("a key value of JSON null", r -> keys(r).set("SK", NODES.nullNode())),
                change("a negative SizeBytes", r -> dynamodb(r).put("SizeBytes", -1)),
                change("a userIdentity without principalId", r -> r.putObject("userIdentity").put("type", "Service")),
                change("a TTL deletion's userIdentity", r -> r.putObject("userIdentity").put("type", "Service")
                        .put("principalId", "dynamodb.amazonaws.com")),
                change("no optional field", r -> {
                    dynamodb(r).remove("ApproximateCreationDateTime");
                    dynamodb(r).remove("SizeBytes");
                    dynamodb(r).remove("StreamViewType");
                    dynamodb(r).remove("NewImage");
                    r.remove("awsRegion");
                    r.remove("eventSourceARN");
                }),
                change("a creation time with milliseconds", r -> dynamodb(r).put("ApproximateCreationDateTime",
                        new BigDecimal("1795183200.412"))),
                change("a creation time in epoch milliseconds", r -> dynamodb(r).put("ApproximateCreationDateTime",
                        1795183200412L)),
                change("an image number of 39 digits", r -> image(r).set("turn_number", value("N", NUMBER_39_DIGITS))),
                change("an image number above 1E+126", r -> image(r).set("turn_number", value("N", "1E+126"))),
                change("a bad number in an NS", r -> image(r).set("scores", NODES.objectNode().set("NS",
                        NODES.arrayNode().add("1").add("x")))),
                change("a bad number deep in L and M", r -> image(r).set("meta", NODES.objectNode().set("M",
                        NODES.objectNode().set("list", NODES.objectNode().set("L", NODES.arrayNode()
                                .add(value("S", "fine")).add(value("N", "1e999"))))))),
                change("NULL false in an image", r -> image(r).set("gone", NODES.objectNode().put("NULL", false))),
                change("an image value with two types", r -> image(r).set("role", value("S", "user").put("N", "1"))),
                change("an image value with no type", r -> image(r).set("role", NODES.objectNode())),
                change("an image value of JSON null", r -> image(r).set("role", NODES.nullNode())),
                change("an image string longer than any item", r -> image(r).set("content",
                        value("S", "c".repeat(400 * 1024 + 1)))),
                change("every type in an image", r -> image(r)
                        .<ObjectNode>set("b", value("B", "AAEC"))
                        .<ObjectNode>set("bs", NODES.objectNode().set("BS", NODES.arrayNode().add("AAEC").add("/w==")))
                        .<ObjectNode>set("ss", NODES.objectNode().set("SS", NODES.arrayNode().add("a").add("b")))
                        .<ObjectNode>set("ns", NODES.objectNode().set("NS", NODES.arrayNode().add("1").add("-2.5")))
                        .<ObjectNode>set("nul", NODES.objectNode().put("NULL", true))
                        .set("bool", NODES.objectNode().put("BOOL", false))),
                change("an image member of JSON null beside the type", r -> image(r).set("role", value("S", "user")
                        .putNull("N"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordsBothReadAlike")
    void shouldTreatTheRecordAsTheStreamDecoderDoesWhenTheModelCanSayWhatTheBytesSaid(Consumer<ObjectNode> change) {
        // GIVEN one record changed, as bytes and as the DynamodbEvent Lambda's serializer makes of them
        byte[] bytes = event(change);

        // WHEN each decoder reads its form
        DecodedBatch fromBytes = streamDecoder.decode(bytes);
        DecodedBatch fromModel = modelDecoder.decode(lambdaSerializer(bytes));

        // THEN the outcomes are the same: malformed with the same field and reason, or decoded alike
        assertThat(fromModel.size()).isEqualTo(1);
        assertThat(describe(fromModel.outcomes().get(0))).isEqualTo(describe(fromBytes.outcomes().get(0)));
    }

    @Test
    void shouldSayNoTypeDescriptorWhereTheStreamDecoderNamesTheUnknownOneWhenAnImageValueHasAnUnknownType() {
        // GIVEN an image value with a type DynamoDB does not have, which the model has no member for
        byte[] bytes = event(r -> image(r).set("role", NODES.objectNode().put("STR", "user")));

        // WHEN each decoder reads its form
        ChangeRecord fromBytes = decoded(streamDecoder.decode(bytes));
        ChangeRecord fromModel = decoded(modelDecoder.decode(lambdaSerializer(bytes)));

        // THEN both spoil only that attribute; the bytes name the unknown type, the model saw a value with none
        assertThat(unreadable(fromBytes, "role")).isEqualTo(
                "Records[0].dynamodb.NewImage.role: unknown attribute type 'STR'");
        assertThat(unreadable(fromModel, "role")).isEqualTo(
                "Records[0].dynamodb.NewImage.role: attribute value has no type descriptor");
        assertThat(fromModel.newImage().orElseThrow().string("content"))
                .isEqualTo(fromBytes.newImage().orElseThrow().string("content"));
    }

    @Test
    void shouldNeverSeeTheEventWhenLambdasSerializerRefusesABinaryThatIsNotBase64() {
        // GIVEN an image binary that is not base64: the stream decoder spoils only that attribute
        byte[] bytes = event(r -> image(r).set("blob", value("B", "not base64!")));
        assertThat(unreadable(decoded(streamDecoder.decode(bytes)), "blob"))
                .startsWith("Records[0].dynamodb.NewImage.blob.B: not base64");

        // WHEN / THEN Lambda's serializer refuses the whole event, so the model path is never invoked with it
        assertThatThrownBy(() -> lambdaSerializer(bytes)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldNeverSeeTheEventWhenLambdasSerializerRefusesARecordThatIsNoObject() {
        // GIVEN a record that is a string: the stream decoder calls that record malformed
        byte[] bytes = "{\"Records\":[\"oops\"]}".getBytes(StandardCharsets.UTF_8);
        assertThat(describe(streamDecoder.decode(bytes).outcomes().get(0)))
                .isEqualTo("malformed 0 null null Records[0]: record must be a JSON object, was VALUE_STRING");

        // WHEN / THEN Lambda's serializer refuses the whole event, so the model path is never invoked with it
        assertThatThrownBy(() -> lambdaSerializer(bytes)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldSayWhyWhenTheCreationTimeIsNoPlausibleTime() {
        // GIVEN a creation time of 5 seconds after 1970
        byte[] bytes = event(r -> dynamodb(r).put("ApproximateCreationDateTime", 5));

        // WHEN each decoder reads its form
        DecodeOutcome.Malformed fromBytes = streamDecoder.decode(bytes).malformed().get(0);
        DecodeOutcome.Malformed fromModel = modelDecoder.decode(lambdaSerializer(bytes)).malformed().get(0);

        // THEN both refuse the record on that field; the model's reason shows the time it holds and the likely cause
        assertThat(fromModel.field()).isEqualTo(fromBytes.field()).isEqualTo("Records[0].dynamodb.ApproximateCreationDateTime");
        assertThat(fromBytes.reason()).isEqualTo("not a plausible epoch time in seconds or milliseconds (2012..2200),"
                + " was 5");
        assertThat(fromModel.reason()).isEqualTo("not a plausible epoch time in seconds or milliseconds (2012..2200),"
                + " was 5 seconds (1970-01-01T00:00:05Z): an event read by a plain JSON mapper has its epoch seconds"
                + " taken for milliseconds; take the DynamodbEvent from Lambda's runtime or LambdaEventSerializers");
        assertThat(fromModel.eventId()).isEqualTo(fromBytes.eventId()).isPresent();
        assertThat(fromModel.sequenceNumber()).isEqualTo(fromBytes.sequenceNumber()).isPresent();
    }

    @Test
    void shouldReadTheCreationTimeToTheMillisecondWhenLambdasSerializerReadTheEvent() {
        // GIVEN a creation time of epoch seconds with milliseconds, as Lambda sends it
        byte[] bytes = event(r -> dynamodb(r).put("ApproximateCreationDateTime",
                new BigDecimal("1795183200.412")));

        // WHEN the model Lambda's serializer makes of it is decoded
        ChangeRecord record = decoded(modelDecoder.decode(lambdaSerializer(bytes)));

        // THEN the time is the one sent
        assertThat(record.approximateCreationTime()).isEqualTo(Instant.parse("2026-11-20T14:00:00.412Z"));
    }

    @Test
    void shouldRefuseTheRecordNamingThePlainMapperWhenAPlainJacksonMapperReadTheEvent() throws IOException {
        // GIVEN the sample event read by a lenient plain Jackson mapper, which takes epoch seconds for milliseconds
        ObjectMapper plain = JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        DynamodbEvent misread = plain.readValue(event(r -> { }), DynamodbEvent.class);
        assertThat(misread.getRecords().get(0).getDynamodb().getApproximateCreationDateTime().toInstant())
                .isEqualTo(Instant.ofEpochMilli(1795183200L));

        // WHEN it is decoded
        DecodedBatch batch = modelDecoder.decode(misread);

        // THEN the record is refused on its creation time, the reason naming the mistake (not routed as 1970)
        assertThat(batch.malformed()).singleElement().satisfies(m -> {
            assertThat(m.field()).isEqualTo("Records[0].dynamodb.ApproximateCreationDateTime");
            assertThat(m.reason()).contains("was 1795183.2 seconds (1970-01-21T18:39:43.200Z)", "plain JSON mapper",
                    "LambdaEventSerializers");
        });
    }

    @Test
    void shouldRefuseTheRecordWhenARecordOfTheEventIsNull() {
        // GIVEN an event whose Records hold null, as Lambda's serializer reads {"Records":[null]}
        byte[] bytes = "{\"Records\":[null]}".getBytes(StandardCharsets.UTF_8);

        // WHEN each decoder reads its form
        DecodedBatch fromBytes = streamDecoder.decode(bytes);
        DecodedBatch fromModel = modelDecoder.decode(lambdaSerializer(bytes));

        // THEN both call the record malformed alike
        assertThat(describe(fromModel.outcomes().get(0))).isEqualTo(describe(fromBytes.outcomes().get(0)))
                .isEqualTo("malformed 0 null null Records[0]: record must be a JSON object, was VALUE_NULL");
    }

    @Test
    void shouldFailTheEventAsTheStreamDecoderDoesWhenItHasNoRecords() {
        // GIVEN events without Records
        byte[] bytes = "{\"other\":1}".getBytes(StandardCharsets.UTF_8);

        // WHEN / THEN both decoders fail the event with the same message
        assertThatThrownBy(() -> streamDecoder.decode(bytes)).isInstanceOf(MalformedEventException.class)
                .hasMessage("event has no Records array");
        assertThatThrownBy(() -> modelDecoder.decode(lambdaSerializer(bytes)))
                .isInstanceOf(MalformedEventException.class).hasMessage("event has no Records array");
        assertThatThrownBy(() -> modelDecoder.decode(null)).isInstanceOf(MalformedEventException.class)
                .hasMessage("event must be a JSON object with a Records array");
    }

    @Test
    void shouldKeepTheRecordAsJsonForItsDeadLetterWhenARecordIsMalformed() throws IOException {
        // GIVEN a record without a sequence number
        byte[] bytes = event(r -> dynamodb(r).remove("SequenceNumber"));

        // WHEN the model is decoded
        DecodeOutcome.Malformed m = modelDecoder.decode(lambdaSerializer(bytes)).malformed().get(0);

        // THEN its raw record is the record as sent, written back from the model
        assertThat(JSON.readTree(m.raw().json())).isEqualTo(JSON.readTree(bytes).get("Records").get(0));
    }

    // ---- helpers ----

    private static Arguments change(String name, Consumer<ObjectNode> change) {
        return Arguments.of(Named.of(name, change));
    }

    private static byte[] event(Consumer<ObjectNode> change) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readAllBytes(PipelineTestDriver.event("turn-insert.json")));
            change.accept((ObjectNode) event.get("Records").get(0));
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode dynamodb(ObjectNode record) {
        return (ObjectNode) record.get("dynamodb");
    }

    private static ObjectNode keys(ObjectNode record) {
        return (ObjectNode) dynamodb(record).get("Keys");
    }

    private static ObjectNode image(ObjectNode record) {
        return (ObjectNode) dynamodb(record).get("NewImage");
    }

    private static ObjectNode value(String type, String text) {
        return NODES.objectNode().put(type, text);
    }

    private DynamodbEvent lambdaSerializer(byte[] bytes) {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader())
                .fromJson(new String(bytes, StandardCharsets.UTF_8));
    }

    private static ChangeRecord decoded(DecodedBatch batch) {
        assertThat(batch.outcomes()).singleElement().isInstanceOf(DecodeOutcome.Decoded.class);
        return ((DecodeOutcome.Decoded) batch.outcomes().get(0)).record();
    }

    private static String unreadable(ChangeRecord record, String attribute) {
        try {
            record.newImage().orElseThrow().get(attribute);
        } catch (InvalidAttributeException e) {
            return e.getMessage();
        }
        throw new AssertionError(attribute + " was readable");
    }

    /** Everything an outcome says: a malformed record's names, field and reason; a decoded record's every value. */
    private static String describe(DecodeOutcome outcome) {
        if (outcome instanceof DecodeOutcome.Malformed m) {
            return "malformed " + m.index() + " " + m.eventIdOrNull() + " " + m.sequenceNumberOrNull() + " " + m.field()
                    + ": " + m.reason();
        }
        ChangeRecord r = ((DecodeOutcome.Decoded) outcome).record();
        return "decoded " + outcome.index() + " " + r.eventId() + " " + r.eventName() + " " + r.sequenceNumber()
                + " created " + r.approximateCreationTime() + " size " + r.sizeBytes() + " " + r.streamViewType()
                + " " + r.userIdentity() + " " + r.eventSourceArn() + " " + r.awsRegion()
                + " keys " + ProbeTopology.item(r.keys()) + " new " + image(r.newImage()) + " old " + image(r.oldImage());
    }

    private static String image(Optional<Item> image) {
        if (image.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder("{");
        for (String name : new TreeSet<>(image.get().names())) {
            sb.append(name).append('=');
            try {
                sb.append(ProbeTopology.item(Item.of(Map.of(name, image.get().get(name).orElseThrow()))).get(name));
            } catch (InvalidAttributeException e) {
                sb.append("unreadable: ").append(e.getMessage());
            }
            sb.append(' ');
        }
        return sb.append('}').toString();
    }
}
