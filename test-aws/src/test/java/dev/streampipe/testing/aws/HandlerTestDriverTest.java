package dev.streampipe.testing.aws;

import static dev.streampipe.testing.StreamEvent.modify;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.aws.lambda.StreamApp;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.StreamEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@link HandlerTestDriver} gives a stream function: its environment, clients, ledger, clock and log. */
class HandlerTestDriverTest {
    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:pages";
    private static final Map<String, String> VARIABLES = Map.of("PAGES_TOPIC", TOPIC, "RECORDS_STREAM", "records",
            "DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/dlq",
            "LEDGER_TABLE_NAME", "ledger");

    /** Every change to Firehose; a page per change, ledgered. */
    private static final StreamApp APP = env -> env.runtime(Topology.builder()
                    .multicast(Route.named("every-change").to("records")
                            .mapping(r -> Optional.of(Payload.of("{\"id\":\"" + r.eventId() + "\"}"))))
                    .multicast(Route.named("page").to("pages").ledgered().mapping(r -> Optional.of(Payload.of("page"))))
                    .build())
            .sink(env.sinks().firehose("records", env.settings().required("RECORDS_STREAM")))
            .sink(env.sinks().sns("pages", env.settings().required("PAGES_TOPIC")))
            .build();

    private static final String CHANGE = StreamEvent.of(modify("pk", "a", "sk", "b").eventId("event-1").newImage("n", 1));

    @Test
    void shouldSendALedgeredEffectOnceWhenTheSameBatchIsHandledTwice() {
        // GIVEN the function on its environment, the ledger in memory
        try (HandlerTestDriver function = HandlerTestDriver.start(APP, loopback.aws(), VARIABLES)) {

            // WHEN Lambda delivers the same batch twice
            assertThat(function.handle(CHANGE)).isEmpty();
            assertThat(function.handle(CHANGE.getBytes(UTF_8))).isEmpty();

            // THEN one page and one Firehose record: the second delivery skipped both (what a sink accepted is
            // remembered in the container, as deployed), and its summary says so
            assertThat(loopback.aws().sns().accepted()).singleElement()
                    .satisfies(m -> assertThat(m.topicArn()).isEqualTo(TOPIC));
            assertThat(loopback.aws().firehose().receivedLines()).containsExactly("{\"id\":\"event-1\"}");
            assertThat(function.summaries()).hasSize(2);
            assertThat(function.summaries().get(1).get("sink.pages.skipped").asInt()).isEqualTo(1);
            assertThat(loopback.aws().unexpected()).isEmpty();
        }
    }

    @Test
    void shouldLogTheTopologyAndMetricsInTheFunctionsNamespaceWhenAssembledAsDeployed() {
        // GIVEN the function on its environment
        try (HandlerTestDriver function = HandlerTestDriver.start(APP, loopback.aws(), VARIABLES)) {

            // WHEN it handles one change
            function.handle(CHANGE);

            // THEN its outline was logged at assembly, and its metrics are in the namespace its name gives
            assertThat(function.topologyLine()).contains("every-change", "page", "records", "pages");
            assertThat(function.metricLines()).isNotEmpty().allSatisfy(m -> assertThat(m.get("_aws")
                    .get("CloudWatchMetrics").get(0).get("Namespace").asText())
                    .isEqualTo("streampipe/" + HandlerTestDriver.FUNCTION_NAME));
            assertThat(function.metricLines()).anySatisfy(m -> {
                assertThat(m.path("Route").asText()).isEqualTo("page");
                assertThat(m.path("Records").asInt()).isEqualTo(1);
            });
        }
    }

    @Test
    void shouldRetryOnTheFunctionsClockWhenAServiceFailsAnEntryOnce() {
        // GIVEN Firehose failing the first entry of the first call
        loopback.aws().firehose().failEntriesAt(Set.of(0), "ServiceUnavailableException", 1);
        try (HandlerTestDriver function = HandlerTestDriver.start(APP, loopback.aws(), VARIABLES)) {
            Instant start = function.clock().instant();

            // WHEN the function handles one change
            assertThat(function.handle(CHANGE)).isEmpty();

            // THEN the sink retried it (the SDK's retries are off, as in Lambda), its wait moved the clock
            assertThat(loopback.aws().calls("Firehose", "PutRecordBatch")).isEqualTo(2);
            assertThat(function.clock().instant()).isAfter(start);
            assertThat(start).isEqualTo(Instant.parse(HandlerTestDriver.START));
        }
    }

    @Test
    void shouldNameTheLedgerTableVariableWhenARouteIsLedgeredAndItIsNotSet() {
        // GIVEN the variables without LEDGER_TABLE_NAME
        Map<String, String> variables = new HashMap<>(VARIABLES);
        variables.remove("LEDGER_TABLE_NAME");

        // WHEN / THEN the driver fails as the deployed function would, naming the variable and the route
        assertThatThrownBy(() -> HandlerTestDriver.start(APP, loopback.aws(), variables))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LEDGER_TABLE_NAME").hasMessageContaining("[page]");
    }

    @Test
    void shouldNameTheVariableWhenTheAppRequiresOneThatIsNotSet() {
        // GIVEN the variables without the topic
        Map<String, String> variables = new HashMap<>(VARIABLES);
        variables.remove("PAGES_TOPIC");

        // WHEN / THEN
        assertThatThrownBy(() -> HandlerTestDriver.start(APP, loopback.aws(), variables))
                .hasMessageContaining("PAGES_TOPIC");
    }

    @Test
    void shouldUseTheGivenLedgerWhenOneIsGiven() {
        // GIVEN a ledger of the test's own, and no table variable (the ledger is not DynamoDB)
        InMemoryEffectLedger ledger = new InMemoryEffectLedger();
        Map<String, String> variables = new HashMap<>(VARIABLES);
        variables.remove("LEDGER_TABLE_NAME");

        // WHEN the function handles one change
        try (HandlerTestDriver function = HandlerTestDriver.start(APP, loopback.aws(), variables, ledger)) {
            function.handle(CHANGE);
            StreamRuntime runtime = function.runtime();
            assertThat(runtime.topology().sinks()).containsExactlyInAnyOrder("records", "pages");
        }

        // THEN the page's effect is in that ledger
        assertThat(ledger.entries()).containsExactly("event-1#page");
    }
}
