package dev.streampipe.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.testing.PipelineTestDriver;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Handlers on the Lambda events library's types: one written as teams write them
 * ({@code implements RequestHandler<DynamodbEvent, StreamsEventResponse>}) whose body delegates in one line, and one
 * extending {@link StreamHandler}; events loaded as Lambda's runtime reads them ({@code aws-lambda-java-tests}'
 * {@link EventLoader}, on Lambda's serializer).
 */
class StreamHandlerTest {

    /** A handler as written against the events library, switched to the runtime in one line. */
    static final class SessionsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
        private final StreamRuntime runtime;

        SessionsHandler(StreamRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
        }

        @Override
        public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
            return runtime.handle(event, context);
        }
    }

    /** A handler extending {@link StreamHandler}, on a runtime built here instead of from the environment. */
    static final class ProbeHandler extends StreamHandler {
        ProbeHandler(StreamRuntime runtime) {
            super(runtime);
        }
    }

    /** A handler as deployed: its no-argument constructor names the app. */
    public static final class DeployedHandler extends StreamHandler {
        public DeployedHandler() {
            super(env -> env.runtime(ProbeTopology.create()).build());
        }
    }

    private static DynamodbEvent event(String file) {
        return EventLoader.loadDynamoDbEvent(PipelineTestDriver.event(file).toString());
    }

    @Test
    void shouldRouteTheBatchAndDeadLetterItsPoisonRecordWhenAHandlerDelegatesInOneLine() {
        // GIVEN a handler delegating to the runtime, and the seven-record batch whose record 3 has no keys
        ProbeTopology.Rig rig = new ProbeTopology.Rig();
        RequestHandler<DynamodbEvent, StreamsEventResponse> handler = new SessionsHandler(rig.runtime);
        DynamodbEvent event = event("batch-with-malformed-record.json");

        // WHEN Lambda invokes it
        StreamsEventResponse response = handler.handleRequest(event, rig.context());

        // THEN nothing is to retry, the six good records were routed, and the poison record dead-lettered by name
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(rig.sinks.get("records").messages()).hasSize(6);
        assertThat(rig.deadLetters.letters()).filteredOn(l -> l.routeOrNull() == null).singleElement()
                .satisfies(l -> {
                    assertThat(l.recordIndex()).isEqualTo(3);
                    assertThat(l.eventIdOrNull()).isEqualTo("51ecf0e4ee4defae8f9275f3e2e66b7d");
                    assertThat(l.reason()).contains("Records[3].dynamodb.Keys", "missing");
                    assertThat(ProbeTopology.tree(l.raw().json()).get("eventID").asText())
                            .isEqualTo("51ecf0e4ee4defae8f9275f3e2e66b7d");
                });
        // ... and the invocation logged its summary line, as the byte path does
        JsonNode summary = ProbeTopology.tree(rig.invocationLog().get(0));
        assertThat(summary.get("kind").asText()).isEqualTo("batch");
        assertThat(summary.get("records").asInt()).isEqualTo(7);
        assertThat(summary.get("malformed").asInt()).isEqualTo(1);
    }

    @Test
    void shouldAnswerTheFirstFailedSequenceNumberWhenASinkFailsRetryably() {
        // GIVEN a sink that keeps failing retryably, under a handler extending StreamHandler
        ProbeTopology.Rig rig = new ProbeTopology.Rig();
        rig.sinks.get("records").failRetryably(Integer.MAX_VALUE);
        RequestHandler<DynamodbEvent, StreamsEventResponse> handler = new ProbeHandler(rig.runtime);
        DynamodbEvent event = event("mixed-batch.json");

        // WHEN Lambda invokes it
        StreamsEventResponse response = handler.handleRequest(event, rig.context());

        // THEN Lambda is told to retry from the first record (every record failed for that sink)
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(0).getDynamodb().getSequenceNumber());
        assertThat(rig.deadLetters.letters()).extracting(DeadLetter::routeOrNull).doesNotContain("record");
    }

    @Test
    void shouldFailNamingTheVariableWhenADeployedHandlerStartsWithoutItsEnvironment() {
        // GIVEN an environment without a region (as in this test's JVM; Lambda always sets it)
        assumeTrue(System.getenv("AWS_REGION") == null, "AWS_REGION is set here");

        // WHEN / THEN the no-argument constructor reads the environment at once and fails naming the variable
        assertThatThrownBy(DeployedHandler::new).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("environment variable AWS_REGION is required");
    }
}
