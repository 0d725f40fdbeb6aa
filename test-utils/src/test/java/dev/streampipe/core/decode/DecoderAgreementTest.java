package dev.streampipe.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.Item;
import dev.streampipe.testing.PipelineTestDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our streaming decoder against the reference: every sample event with a {@code Records} array is read by
 * {@link StreamEventDecoder} and by the Lambda runtime's own serializer ({@code LambdaEventSerializers} into
 * {@link DynamodbEvent}), and the two must agree field by field and attribute by attribute.
 */
class DecoderAgreementTest {
    private static final Set<String> ALL_TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS");
    /** The records our decoder must refuse, per file; every other record must decode. */
    private static final Map<String, Set<Integer>> EXPECTED_MALFORMED =
            Map.of("batch-with-malformed-record.json", Set.of(3));

    private final StreamEventDecoder decoder = new StreamEventDecoder();

    static Stream<String> eventFilesWithRecords() throws IOException {
        try (Stream<Path> files = Files.list(PipelineTestDriver.eventsDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> EventJson.tree(f).path("Records").isArray())
                    .map(f -> f.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void shouldCompareEverySampleEventWhenListingTheEventsDirectory() throws IOException {
        // GIVEN the events directory WHEN the files with a Records array are listed
        List<String> files = eventFilesWithRecords().toList();

        // THEN every sample stream event is there, and the summary invoke payload is not
        assertThat(files).contains("batch-with-malformed-record.json", "handoff-insert.json",
                        "meta-modify-no-status-change.json", "meta-status-change.json", "mixed-batch-1000.json",
                        "mixed-batch.json", "summary-insert.json", "ttl-remove.json", "turn-insert-window-closed.json",
                        "turn-insert.json")
                .doesNotContain("summary-invoke.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFilesWithRecords")
    void shouldAgreeWithTheLambdaRuntimeSerializerWhenDecodingASampleEvent(String fileName) {
        // GIVEN a sample event, read by the Lambda runtime's serializer
        Path file = PipelineTestDriver.event(fileName);
        List<DynamodbEvent.DynamodbStreamRecord> theirs = readTheirs(file).getRecords();

        // WHEN our decoder reads the same bytes
        DecodedBatch ours = decoder.decode(EventJson.bytes(file));

        // THEN both see the same records, and every record we decode agrees with theirs field by field
        assertThat(ours.size()).isEqualTo(theirs.size()).isPositive();
        Set<Integer> malformed = new TreeSet<>();
        for (DecodeOutcome outcome : ours.outcomes()) {
            if (outcome instanceof DecodeOutcome.Decoded d) {
                assertAgrees(theirs.get(d.index()), d.record(), "Records[" + d.index() + "]", new TreeSet<>());
            } else {
                malformed.add(outcome.index());
            }
        }
        assertThat(malformed).isEqualTo(EXPECTED_MALFORMED.getOrDefault(fileName, Set.of()));
    }

    @Test
    void shouldCompareAllTenAttributeTypesWhenComparingTheMixedBatch() {
        // GIVEN mixed-batch.json, which has every attribute type (events/README.md)
        Path file = PipelineTestDriver.event("mixed-batch.json");
        List<DynamodbEvent.DynamodbStreamRecord> theirs = readTheirs(file).getRecords();
        List<ChangeRecord> ours = decoder.decode(EventJson.bytes(file)).records();

        // WHEN every record is compared
        Set<String> compared = new TreeSet<>();
        for (int i = 0; i < ours.size(); i++) {
            assertAgrees(theirs.get(i), ours.get(i), "Records[" + i + "]", compared);
        }

        // THEN the comparison went through all ten types, so the agreement above covers each of them
        assertThat(compared).isEqualTo(new TreeSet<>(ALL_TYPES));
    }

    @Test
    void shouldReportExactlyTheRecordWithoutKeysWhenTheBatchHasAPoisonRecord() {
        // GIVEN the batch whose record 3 has no dynamodb.Keys (its images still carry PK/SK)
        Path file = PipelineTestDriver.event("batch-with-malformed-record.json");
        List<DynamodbEvent.DynamodbStreamRecord> theirs = readTheirs(file).getRecords();

        // WHEN we decode it
        DecodedBatch ours = decoder.decode(EventJson.bytes(file));

        // THEN there is exactly one malformed record, number 3, naming the record and the missing field
        assertThat(ours.malformed()).hasSize(1);
        DecodeOutcome.Malformed m = ours.malformed().get(0);
        assertThat(m.index()).isEqualTo(3);
        assertThat(m.field()).isEqualTo("Records[3].dynamodb.Keys");
        assertThat(m.message()).contains("record 3", "Records[3].dynamodb.Keys", "missing",
                "51ecf0e4ee4defae8f9275f3e2e66b7d", "4421601200000000017453091411");
        assertThat(m.eventId()).contains(theirs.get(3).getEventID());
        assertThat(m.sequenceNumber()).contains(theirs.get(3).getDynamodb().getSequenceNumber());
        assertThat(m.raw().json()).contains("\"eventID\": \"51ecf0e4ee4defae8f9275f3e2e66b7d\"")
                .startsWith("{").endsWith("}").doesNotContain("\"Keys\"");
        // ... the runtime serializer sees the same hole (and invents no keys either)
        assertThat(theirs.get(3).getDynamodb().getKeys()).isNull();
        assertThat(theirs.get(3).getDynamodb().getNewImage()).containsKeys("PK", "SK");
        // ... and the six other records agree with theirs
        assertThat(ours.records()).hasSize(6);
        for (DecodeOutcome o : ours.outcomes()) {
            if (o instanceof DecodeOutcome.Decoded d) {
                assertAgrees(theirs.get(d.index()), d.record(), "Records[" + d.index() + "]", new TreeSet<>());
            }
        }
    }

    private static DynamodbEvent readTheirs(Path file) {
        PojoSerializer<DynamodbEvent> serializer =
                LambdaEventSerializers.serializerFor(DynamodbEvent.class, DecoderAgreementTest.class.getClassLoader());
        try (InputStream in = Files.newInputStream(file)) {
            return serializer.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertAgrees(DynamodbEvent.DynamodbStreamRecord theirs, ChangeRecord ours, String at,
                                     Set<String> typesCompared) {
        StreamRecord stream = theirs.getDynamodb();
        assertThat(ours.eventId()).as(at + ".eventID").isEqualTo(theirs.getEventID());
        assertThat(ours.eventName().name()).as(at + ".eventName").isEqualTo(theirs.getEventName());
        assertThat(ours.awsRegion()).as(at + ".awsRegion").isEqualTo(theirs.getAwsRegion());
        assertThat(ours.eventSourceArn()).as(at + ".eventSourceARN").isEqualTo(theirs.getEventSourceARN());
        assertThat(ours.sequenceNumber().value()).as(at + ".dynamodb.SequenceNumber")
                .isEqualTo(stream.getSequenceNumber());
        // Optional fields (AWS marks them so) may be absent: ours says "unknown" where theirs is null
        assertThat(ours.sizeBytes()).as(at + ".dynamodb.SizeBytes")
                .isEqualTo(stream.getSizeBytes() == null ? 0L : stream.getSizeBytes());
        assertThat(ours.viewType().map(Enum::name)).as(at + ".dynamodb.StreamViewType")
                .isEqualTo(Optional.ofNullable(stream.getStreamViewType()));
        assertThat(ours.creationTime().map(t -> t.truncatedTo(ChronoUnit.MILLIS)))
                .as(at + ".dynamodb.ApproximateCreationDateTime")
                .isEqualTo(Optional.ofNullable(stream.getApproximateCreationDateTime()).map(d -> d.toInstant()));
        if (theirs.getUserIdentity() == null) {
            assertThat(ours.userIdentity()).as(at + ".userIdentity").isNull();
        } else {
            assertThat(ours.userIdentity()).as(at + ".userIdentity").isNotNull();
            assertThat(ours.userIdentity().type()).as(at + ".userIdentity.type")
                    .isEqualTo(theirs.getUserIdentity().getType());
            assertThat(ours.userIdentity().principalId()).as(at + ".userIdentity.principalId")
                    .isEqualTo(theirs.getUserIdentity().getPrincipalId());
        }
        assertItemAgrees(stream.getKeys(), Optional.of(ours.keys()), at + ".dynamodb.Keys", typesCompared);
        assertItemAgrees(stream.getNewImage(), ours.newImage(), at + ".dynamodb.NewImage", typesCompared);
        assertItemAgrees(stream.getOldImage(), ours.oldImage(), at + ".dynamodb.OldImage", typesCompared);
    }

    private static void assertItemAgrees(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> theirs,
            Optional<Item> ours, String at, Set<String> typesCompared) {
        if (theirs == null) {
            assertThat(ours).as(at).isEmpty();
            return;
        }
        assertThat(ours).as(at).isPresent();
        assertMapAgrees(theirs, ours.get().attributes(), at, typesCompared);
    }

    private static void assertMapAgrees(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> theirs,
            Map<String, AttributeValue> ours, String at, Set<String> typesCompared) {
        assertThat(ours.keySet()).as(at + " attribute names").isEqualTo(theirs.keySet());
        for (var e : theirs.entrySet()) {
            assertValueAgrees(e.getValue(), ours.get(e.getKey()), at + "." + e.getKey(), typesCompared);
        }
    }

    private static void assertValueAgrees(
            com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue theirs, AttributeValue ours,
            String at, Set<String> typesCompared) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("S", theirs.getS());
        set.put("N", theirs.getN());
        set.put("B", theirs.getB());
        set.put("BOOL", theirs.getBOOL());
        set.put("NULL", theirs.getNULL());
        set.put("L", theirs.getL());
        set.put("M", theirs.getM());
        set.put("SS", theirs.getSS());
        set.put("NS", theirs.getNS());
        set.put("BS", theirs.getBS());
        set.values().removeIf(v -> v == null);
        assertThat(set.keySet()).as(at + " their type").hasSize(1);
        String type = set.keySet().iterator().next();
        assertThat(ours.type()).as(at + " type").isEqualTo(type);
        typesCompared.add(type);
        String path = at + "." + type;
        if (ours instanceof AttributeValue.S s) {
            assertThat(s.value()).as(path).isEqualTo(theirs.getS());
        } else if (ours instanceof AttributeValue.N n) {
            assertThat(n.value()).as(path).isEqualTo(theirs.getN());
        } else if (ours instanceof AttributeValue.B b) {
            assertThat(b.value().toByteArray()).as(path).isEqualTo(bytes(theirs.getB()));
        } else if (ours instanceof AttributeValue.Bool b) {
            assertThat(b.value()).as(path).isEqualTo(theirs.getBOOL());
        } else if (ours instanceof AttributeValue.Null) {
            assertThat(theirs.getNULL()).as(path).isTrue();
        } else if (ours instanceof AttributeValue.L l) {
            assertThat(l.values()).as(path + " size").hasSameSizeAs(theirs.getL());
            for (int i = 0; i < l.values().size(); i++) {
                assertValueAgrees(theirs.getL().get(i), l.values().get(i), path + "[" + i + "]", typesCompared);
            }
        } else if (ours instanceof AttributeValue.M m) {
            assertMapAgrees(theirs.getM(), m.values(), path, typesCompared);
        } else if (ours instanceof AttributeValue.SS ss) {
            assertThat(ss.values()).as(path).isEqualTo(theirs.getSS());
        } else if (ours instanceof AttributeValue.NS ns) {
            assertThat(ns.values()).as(path).isEqualTo(theirs.getNS());
        } else if (ours instanceof AttributeValue.BS bs) {
            List<byte[]> expected = new ArrayList<>();
            theirs.getBS().forEach(buffer -> expected.add(bytes(buffer)));
            assertThat(bs.values()).as(path + " size").hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(bs.values().get(i).toByteArray()).as(path + "[" + i + "]").isEqualTo(expected.get(i));
            }
        } else {
            throw new AssertionError(path + ": unexpected attribute value class " + ours.getClass());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
