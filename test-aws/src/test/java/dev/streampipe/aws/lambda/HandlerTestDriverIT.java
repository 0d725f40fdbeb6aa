package dev.streampipe.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.PipelineTestDriver;
import dev.streampipe.testing.aws.HandlerTestDriver;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A small app run as deployed through {@link HandlerTestDriver}: assembled from its environment map on real SDK
 * clients at the loopback endpoint; what it logs and what each service receives, through both handler entry points.
 */
class HandlerTestDriverIT {
    @RegisterExtension
    static final LoopbackAwsExtension LOOPBACK = new LoopbackAwsExtension();

    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/probe-dlq";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:probe-pages";
    /** The function's environment, as a template would set it. */
    private static final Map<String, String> VARIABLES = Map.of("DEAD_LETTER_QUEUE_URL", QUEUE,
            "RECORDS_STREAM", "probe-records", "TURNS_FUNCTION", "probe-summary", "EVENT_BUS", "probe-bus",
            "PAGES_TOPIC", TOPIC);

    /** The probe topology on AWS: every sink name behind a service, named by the environment. */
    private static StreamRuntime probeApp(StreamEnvironment env) {
        AwsSinks aws = env.sinks();
        return env.runtime(ProbeTopology.create())
                .sink(aws.firehose("records", env.settings().required("RECORDS_STREAM")))
                .sink(aws.log("images"))
                .sink(aws.lambdaBatched("turns", env.settings().required("TURNS_FUNCTION"), "windows"))
                .sink(aws.eventBridge("events", env.settings().required("EVENT_BUS"), "probe"))
                .sink(aws.sns("pages", env.settings().required("PAGES_TOPIC")))
                .build();
    }

    @Test
    void shouldLogAndSendAsDeployedWhenTheAppHandlesABatchWithAPoisonRecord() throws IOException {
        // GIVEN the app assembled from its environment, and the seven-record batch whose record 3 has no keys
        LoopbackAws aws = LOOPBACK.aws();
        byte[] batch = Files.readAllBytes(PipelineTestDriver.event("batch-with-malformed-record.json"));

        // WHEN the function is invoked with the event's bytes
        List<String> failures;
        try (HandlerTestDriver function = HandlerTestDriver.start(HandlerTestDriverIT::probeApp, aws, VARIABLES,
                new InMemoryEffectLedger())) {
            failures = function.handle(batch);

            // THEN it logged its topology once at assembly, then one summary line and its metrics in the namespace
            // the function's name gives
            assertThat(function.topologyLine()).contains("record", "images", "turn", "status", "handoff");
            assertThat(function.log()).filteredOn(l -> l.contains("\"kind\":\"topology\"")).hasSize(1);
            assertThat(function.summaries()).singleElement().satisfies(s -> {
                assertThat(s.get("records").asInt()).isEqualTo(7);
                assertThat(s.get("malformed").asInt()).isEqualTo(1);
                assertThat(s.get("route.record").asInt()).isEqualTo(6);
            });
            assertThat(function.metricLines()).isNotEmpty().allSatisfy(m -> assertThat(m.get("_aws")
                    .get("CloudWatchMetrics").get(0).get("Namespace").asText())
                    .isEqualTo("streampipe/" + HandlerTestDriver.FUNCTION_NAME));
            // ... and the log sink's lines are in the function's log too, one per decoded record
            assertThat(function.log().stream().flatMap(String::lines))
                    .filteredOn(l -> l.startsWith("{\"new\"")).hasSize(6);
        }

        // THEN nothing is to retry; the services got what the topology sends, the queue the poison record
        assertThat(failures).isEmpty();
        assertThat(aws.firehose().receivedLines()).hasSize(6)
                .allSatisfy(l -> assertThat(ProbeTopology.tree(l).get("table").asText()).isEqualTo("streampipe-sessions"));
        assertThat(aws.sqs().received()).singleElement().satisfies(m -> {
            assertThat(m.queueUrl()).isEqualTo(QUEUE);
            assertThat(m.messageBody()).contains("51ecf0e4ee4defae8f9275f3e2e66b7d", "dynamodb.Keys");
        });
        assertThat(aws.lambda().received()).singleElement()
                .satisfies(i -> assertThat(i.functionName()).isEqualTo("probe-summary"));
        assertThat(aws.unexpected()).isEmpty();
    }

    @Test
    void shouldSendEveryServiceTheSameWhenTheSameBatchComesAsADynamodbEvent() throws IOException {
        // GIVEN the mixed batch, as bytes and as the DynamodbEvent Lambda's runtime makes of them
        LoopbackAws aws = LOOPBACK.aws();
        byte[] batch = Files.readAllBytes(PipelineTestDriver.event("mixed-batch.json"));
        DynamodbEvent event = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(batch));

        // WHEN one function handles the bytes and another, assembled alike, the event
        List<String> fromBytes;
        List<String> streamPathLog;
        try (HandlerTestDriver function = HandlerTestDriver.start(HandlerTestDriverIT::probeApp, aws, VARIABLES,
                new InMemoryEffectLedger())) {
            assertThat(function.handle(batch)).isEmpty();
            streamPathLog = function.log();
        }
        fromBytes = received(aws);
        List<String> deadLettersFromBytes = aws.sqs().received().stream().map(m -> m.messageBody()).toList();
        aws.reset();
        List<String> modelPathLog;
        StreamsEventResponse response;
        try (HandlerTestDriver function = HandlerTestDriver.start(HandlerTestDriverIT::probeApp, aws, VARIABLES,
                new InMemoryEffectLedger())) {
            response = function.handleDynamodbEvent(event);
            modelPathLog = function.log();
        }

        // THEN every service received the same, in the same order, and both logged the same lines
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(received(aws)).containsExactlyElementsOf(fromBytes).hasSizeGreaterThan(140);
        // ... but for one difference: a dead letter carries the record as sent, which the model path writes back
        // from the model: the same JSON, without the file's layout
        List<String> deadLetters = aws.sqs().received().stream().map(m -> m.messageBody()).toList();
        assertThat(deadLetters).isNotEmpty().hasSameSizeAs(deadLettersFromBytes);
        for (int i = 0; i < deadLetters.size(); i++) {
            assertThat(deadLetters.get(i)).isNotEqualTo(deadLettersFromBytes.get(i));
            assertThat(ProbeTopology.tree(deadLetters.get(i))).isEqualTo(ProbeTopology.tree(deadLettersFromBytes.get(i)));
        }
        assertThat(modelPathLog).containsExactlyElementsOf(streamPathLog);
        JsonNode summary = ProbeTopology.tree(modelPathLog.stream().filter(l -> l.contains("\"kind\":\"batch\""))
                .findFirst().orElseThrow());
        assertThat(summary.get("records").asInt()).isEqualTo(140);
    }

    /** What each service received, one line per message, service by service (dead letters as JSON trees). */
    private static List<String> received(LoopbackAws aws) {
        List<String> out = new ArrayList<>();
        aws.firehose().receivedLines().forEach(l -> out.add("firehose " + l));
        aws.sns().received().forEach(m -> out.add("sns " + m.topicArn() + " " + m.subject() + " " + m.message()
                + " agent_id=" + m.attribute("agent_id")));
        aws.eventBridge().received().forEach(e -> out.add("events " + e.eventBusName() + " " + e.source() + " "
                + e.detailType() + " " + e.detail()));
        aws.lambda().received().forEach(i -> out.add("lambda " + i.functionName() + " " + i.invocationType() + " "
                + i.payloadText()));
        aws.sqs().received().forEach(m -> out.add("sqs " + m.queueUrl() + " "
                + ProbeTopology.tree(m.messageBody())));
        return out;
    }
}
