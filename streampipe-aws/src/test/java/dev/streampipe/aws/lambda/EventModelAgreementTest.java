package dev.streampipe.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.decode.DecodeOutcome;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.testing.PipelineTestDriver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two entry points of {@link StreamRuntime} against each other on every sample event: the event's bytes through
 * {@code handle(InputStream, OutputStream, Context)} and the {@link DynamodbEvent} Lambda's serializer makes of the
 * same bytes through {@code handle(DynamodbEvent, Context)}, each on its own runtime built alike on the
 * {@link ProbeTopology}. Every sink's messages (in order, with route, body and options), the dead letters, the
 * batch item failures and the logged summary and EMF lines (route and sink counts) must be the same; a dead letter's
 * raw record, which the model path writes back from the model, must be the same JSON. The one difference the files
 * show is stated exactly: members of JSON {@code null} beside an attribute value's type, which the model cannot hold,
 * are not in the records it writes back.
 */
class EventModelAgreementTest {
    /** The files of {@code events/} that are no DynamoDB Streams event, and why. */
    private static final Map<String, String> NOT_STREAM_EVENTS = Map.of("summary-invoke.json",
            "the summary function's asynchronous invoke payload {\"sessionId\":..,\"window\":..}: no Records");

    static Stream<String> streamEventFiles() {
        return eventFiles().stream().filter(f -> !NOT_STREAM_EVENTS.containsKey(f));
    }

    private static List<String> eventFiles() {
        try (Stream<Path> files = Files.list(PipelineTestDriver.eventsDir())) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldCompareEveryFileButTheOneThatIsNoStreamEventWhenListingTheEventsDirectory() {
        // GIVEN every JSON file of events/
        List<String> all = eventFiles();

        // WHEN the files compared are chosen
        List<String> compared = streamEventFiles().toList();

        // THEN all 17 stream events are compared (tumbling-window.json among them: a stream event with window
        // fields beside its Records), and the one skipped really has no Records
        assertThat(compared).hasSize(17).hasSize(all.size() - NOT_STREAM_EVENTS.size())
                .contains("tumbling-window.json", "batch-with-malformed-record.json", "mixed-batch-1000.json");
        for (String skipped : NOT_STREAM_EVENTS.keySet()) {
            assertThat(all).contains(skipped);
            assertThat(ProbeTopology.tree(read(skipped)).has("Records")).as(skipped).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamEventFiles")
    void shouldDoTheSameWithTheEventModelAsWithTheBytesWhenHandlingASampleEvent(String file) {
        // GIVEN one sample event: its bytes, and the DynamodbEvent Lambda's runtime makes of them
        byte[] bytes = read(file).getBytes(StandardCharsets.UTF_8);
        DynamodbEvent event = LambdaEventSerializers.serializerFor(DynamodbEvent.class,
                getClass().getClassLoader()).fromJson(new ByteArrayInputStream(bytes));
        ProbeTopology.Rig streamPath = new ProbeTopology.Rig();
        ProbeTopology.Rig modelPath = new ProbeTopology.Rig();

        // WHEN each path handles it
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        streamPath.runtime.handle(new ByteArrayInputStream(bytes), out, streamPath.context());
        StreamsEventResponse response = modelPath.runtime.handle(event, modelPath.context());

        // THEN every sink got the same messages in the same order (route, record, body, options)
        for (String sink : ProbeTopology.SINKS) {
            List<Message> expected = streamPath.sinks.get(sink).messages();
            assertThat(modelPath.sinks.get(sink).messages()).as(file + ": sink " + sink)
                    .containsExactlyElementsOf(expected);
        }
        // ... the same records failed for good, for the same routes and reasons, with the same record as JSON
        List<DeadLetter> expectedLetters = streamPath.deadLetters.letters();
        List<DeadLetter> letters = modelPath.deadLetters.letters();
        assertThat(letters.stream().map(EventModelAgreementTest::withoutRaw)).as(file + ": dead letters")
                .containsExactlyElementsOf(expectedLetters.stream().map(EventModelAgreementTest::withoutRaw).toList());
        for (int i = 0; i < letters.size(); i++) {
            assertThat(ProbeTopology.tree(letters.get(i).raw().json())).as(file + ": raw record of letter " + i)
                    .isEqualTo(ProbeTopology.tree(expectedLetters.get(i).raw().json()));
        }
        // ... the same answer to Lambda
        List<String> expectedFailures = new ArrayList<>();
        ProbeTopology.tree(out.toString(StandardCharsets.UTF_8)).get("batchItemFailures")
                .forEach(f -> expectedFailures.add(f.get("itemIdentifier").asText()));
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .as(file + ": batch item failures").containsExactlyElementsOf(expectedFailures);
        // ... and the same summary line (records, malformed, route, dead-letter and sink counts) and EMF lines
        assertThat(modelPath.invocationLog()).as(file + ": summary and EMF lines")
                .containsExactlyElementsOf(streamPath.invocationLog());
        JsonNode summary = ProbeTopology.tree(streamPath.invocationLog().get(0));
        assertThat(summary.get("kind").asText()).isEqualTo("batch");
        assertThat(summary.get("records").asInt()).isEqualTo(event.getRecords().size());
        assertThat(routeCounts(summary).get("record")).as(file + ": the multicast route took every decoded record")
                .isEqualTo(event.getRecords().size() - summary.get("malformed").asLong());
    }

    @Test
    void shouldWriteBackEveryRecordAsSentSaveNullMembersWhenKeepingTheRawRecordOfTheModel() {
        // GIVEN every record of every stream event, as sent and as the model path keeps it for a dead letter
        StreamEventDecoder streamDecoder = new StreamEventDecoder();
        DynamodbEventDecoder modelDecoder = new DynamodbEventDecoder();
        Set<String> withNullMembers = new TreeSet<>();
        int records = 0;
        for (String file : streamEventFiles().toList()) {
            String json = read(file);
            List<DecodeOutcome> sent = streamDecoder.decode(json.getBytes(StandardCharsets.UTF_8)).outcomes();
            List<DecodeOutcome> kept = modelDecoder.decode(LambdaEventSerializers.serializerFor(DynamodbEvent.class,
                    getClass().getClassLoader()).fromJson(json)).outcomes();

            // WHEN the two are compared as JSON
            assertThat(kept).hasSameSizeAs(sent);
            for (int i = 0; i < sent.size(); i++) {
                JsonNode asSent = ProbeTopology.tree(sent.get(i).raw().json());
                JsonNode withoutNulls = withoutNullMembers(asSent);
                if (!withoutNulls.equals(asSent)) {
                    withNullMembers.add(file);
                }

                // THEN the model's record is the record as sent, but for members of JSON null, which the model
                // cannot hold (attribute values' {"N":null,...} beside their type)
                assertThat(ProbeTopology.tree(kept.get(i).raw().json())).as(file + " record " + i)
                        .isEqualTo(withoutNulls);
                records++;
            }
        }
        assertThat(withNullMembers).containsExactly("null-member-attribute-values.json");
        assertThat(records).isGreaterThan(1_100);
    }

    @Test
    void shouldHaveSomethingToCompareInEverySinkAndTheDeadLettersWhenRunningEverySampleEvent() {
        // GIVEN the model path over every stream event
        ProbeTopology.Rig rig = new ProbeTopology.Rig();

        // WHEN every sample event runs through it
        streamEventFiles().forEach(file -> rig.runtime.handle(LambdaEventSerializers.serializerFor(DynamodbEvent.class,
                getClass().getClassLoader()).fromJson(read(file)), rig.context()));

        // THEN the comparison above had teeth: every sink received messages, and records were dead-lettered both
        // as undecodable and by routes (the keys-only stream's, a missing image), so a difference in any would show
        for (String sink : ProbeTopology.SINKS) {
            assertThat(rig.sinks.get(sink).messages()).as(sink).isNotEmpty();
        }
        assertThat(rig.deadLetters.letters()).extracting(DeadLetter::routeOrNull).contains(null, "turn", "status",
                "handoff");
        assertThat(rig.sinks.get("records").bodies()).anySatisfy(b -> assertThat(ProbeTopology.tree(b).has("identity"))
                .isTrue());
    }

    private static JsonNode withoutNullMembers(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    copy.set(f.getKey(), withoutNullMembers(f.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> copy.add(withoutNullMembers(e)));
            return copy;
        }
        return node;
    }

    private static String withoutRaw(DeadLetter l) {
        return l.recordIndex() + " " + l.eventIdOrNull() + " " + l.sequenceNumberOrNull() + " " + l.routeOrNull()
                + ": " + l.reason();
    }

    private static Map<String, Long> routeCounts(JsonNode summary) {
        Map<String, Long> counts = new TreeMap<>();
        summary.fields().forEachRemaining(f -> {
            if (f.getKey().startsWith("route.")) {
                counts.put(f.getKey().substring("route.".length()), f.getValue().asLong());
            }
        });
        return counts;
    }

    private static String read(String file) {
        try {
            return Files.readString(PipelineTestDriver.event(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
