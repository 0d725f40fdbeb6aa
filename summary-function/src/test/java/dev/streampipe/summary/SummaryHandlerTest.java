package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.session.SessionKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SummaryHandlerTest {

    @Test
    void shouldBuildWithoutNetworkWhenEnvironmentIsComplete() {
        // WHEN built from a complete environment, with and without a model (no AWS endpoint is reachable here)
        // THEN construction succeeds: clients make no call before the first request
        assertThat(new SummaryHandler(Map.of("TABLE_NAME", "sessions", "AWS_REGION", "eu-west-1"))).isNotNull();
        assertThat(new SummaryHandler(Map.of("TABLE_NAME", "sessions", "AWS_REGION", "eu-west-1",
                "BEDROCK_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0"))).isNotNull();
    }

    @Test
    void shouldFailFastNamingVariableWhenEnvironmentIsIncomplete() {
        // WHEN / THEN
        assertThatThrownBy(() -> new SummaryHandler(Map.of("AWS_REGION", "eu-west-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("TABLE_NAME must be set");
        assertThatThrownBy(() -> new SummaryHandler(Map.of("TABLE_NAME", "sessions")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS_REGION must be set (Lambda sets it), was 'null'");
    }

    @Test
    void shouldReadTheConcurrencyExactlyAndNameTheRangeWhenItIsBad() {
        // WHEN / THEN a value in range is read, a blank one is the default, the others are refused naming the range
        assertThat(SummaryHandler.concurrency(Map.of("SUMMARY_CONCURRENCY", " 64 "))).isEqualTo(64);
        assertThat(SummaryHandler.concurrency(Map.of("SUMMARY_CONCURRENCY", ""))).isEqualTo(8);
        for (String bad : new String[] {"0", "65", "99999999999999999999", "٣", "1e1", "NaN"}) {
            assertThatThrownBy(() -> SummaryHandler.concurrency(Map.of("SUMMARY_CONCURRENCY", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("SUMMARY_CONCURRENCY must be an integer 1..64, was \"" + bad + "\"");
        }
    }

    @Test
    void shouldDelegateToServiceWhenInvoked() throws Exception {
        // GIVEN a handler over an in-memory store holding turns 1..10
        InMemorySummaryStore store = new InMemorySummaryStore().withTurns("s-0001", 1, 10);
        SummaryHandler handler = new SummaryHandler(new SummaryConfig("sessions", "PK", "SK", 10, Duration.ofDays(30),
                Optional.empty(), SessionKeys.DEFAULT), store, new LocalSummarizer(), Clock.systemUTC(),
                new JsonLog(line -> { }, Clock.systemUTC()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // WHEN invoked with the router's payload
        handler.handleRequest(new ByteArrayInputStream(
                "{\"sessionId\":\"s-0001\",\"window\":1}".getBytes(StandardCharsets.UTF_8)), out, null);

        // THEN the summary exists and the answer says so
        assertThat(store.summaryExists("s-0001", 1)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"sessionId\":\"s-0001\",\"window\":1,\"status\":\"WRITTEN\"}");
    }

    @Test
    @Tag("needs-repo") // reads the repository's events/; a build of this folder alone (sam build) skips it
    void shouldSummarizeWhenInvokedWithTheSampleEventAndTheRoutersPayload() throws Exception {
        // GIVEN the sample invoke event and the router's actual payload (which carries the triggering record's ids)
        InMemorySummaryStore store = new InMemorySummaryStore().withTurns("s-0001", 1, 10).withTurns("s-0002", 1, 20);
        SummaryHandler handler = new SummaryHandler(new SummaryConfig("sessions", "PK", "SK", 10, Duration.ofDays(30),
                Optional.empty(), SessionKeys.DEFAULT), store, new LocalSummarizer(), Clock.systemUTC(),
                new JsonLog(line -> { }, Clock.systemUTC()));
        byte[] sample = java.nio.file.Files.readAllBytes(
                dev.streampipe.testing.PipelineTestDriver.event("summary-invoke.json"));
        byte[] fromRouter = ("{\"sessionId\":\"s-0002\",\"window\":2,\"eventId\":\"e-9\","
                + "\"sequenceNumber\":\"4421584500000000017450439091\"}").getBytes(StandardCharsets.UTF_8);

        // WHEN both are handled
        handler.handleRequest(new ByteArrayInputStream(sample), new ByteArrayOutputStream(), null);
        handler.handleRequest(new ByteArrayInputStream(fromRouter), new ByteArrayOutputStream(), null);

        // THEN each window's summary exists, and no other
        assertThat(store.summaryExists("s-0001", 1)).isTrue();
        assertThat(store.summaryExists("s-0002", 2)).isTrue();
        assertThat(store.summaryExists("s-0002", 1)).isFalse();
    }
}
