package dev.streampipe.router;

import static dev.streampipe.testing.PipelineTestDriver.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.aws.lambda.EmfMetrics;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.UnexpectedFailureException;
import dev.streampipe.testing.InMemoryDeadLetterSink;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.InMemorySink;
import dev.streampipe.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The router's log: EMF metric lines for dead letters, ledger write failures and view-type errors; failed batches. */
@Tag("needs-repo") // reads the repository's events/
class RouterMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManualClock clock = ManualClock.at("2026-11-21T09:15:00Z");
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, InMemorySink> sinks = new LinkedHashMap<>();
    private final InMemoryEffectLedger ledger = new InMemoryEffectLedger();
    private final StreamRuntime router;

    RouterMetricsTest() {
        for (String name : SessionTopology.create(SessionSchema.DEFAULT).sinks()) {
            sinks.put(name, new InMemorySink(name));
        }
        router = StreamRuntime.builder(SessionTopology.create(SessionSchema.DEFAULT)).sinks(sinks).ledger(ledger)
                .ledgerRetry(RetryPolicy.DEFAULT, clock::advance).deadLetters(new InMemoryDeadLetterSink())
                .stateStore(RouterWiring.inMemoryStateStore(SessionSchema.DEFAULT))
                .executor(Runnable::run).clock(clock).log(log::add).build();
        log.clear(); // the topology's outline, logged once at build
    }

    private void handle(String file) {
        try {
            router.handle(new ByteArrayInputStream(Files.readAllBytes(event(file))), new ByteArrayOutputStream(),
                    Deadline.after(Duration.ofMinutes(5), clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<JsonNode> metricLines(String metric) {
        return log.stream().filter(l -> l.startsWith("{\"_aws\"")).map(RouterMetricsTest::read)
                .filter(n -> n.has(metric)).toList();
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldNameTheViewTypeErrorOncePerContainerWhenTheStreamIsKeysOnly() {
        // GIVEN a KEYS_ONLY stream, delivered in two batches to the same container
        handle("keys-only-stream.json");
        handle("keys-only-stream.json");

        // THEN each route it cannot serve is named once, as an EMF metric with the fix
        List<JsonNode> errors = metricLines(EmfMetrics.STREAM_VIEW_TYPE_MISMATCH);
        assertThat(errors).extracting(n -> n.get("Route").asText())
                .containsExactlyInAnyOrder("trigger-summary", "publish-status-change", "page-handoff");
        JsonNode turn = errors.stream().filter(n -> n.get("Route").asText().equals("trigger-summary")).findFirst().orElseThrow();
        assertThat(turn.get("StreamViewTypeMismatch").asLong()).isEqualTo(1);
        assertThat(turn.get("stream_view_type").asText()).isEqualTo("KEYS_ONLY");
        assertThat(turn.get("fix").asText()).contains("StreamViewType to NEW_AND_OLD_IMAGES", "replay");
        JsonNode directive = turn.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("streampipe");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Route\"],[]]");
        assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("StreamViewTypeMismatch");
        assertThat(turn.get("_aws").get("Timestamp").asLong()).isEqualTo(clock.millis());
        // ... while the dead letters are counted per route in every batch (the status aggregation reads both
        // images of every record: all four), and in the batch line
        assertThat(metricLines(EmfMetrics.DEAD_LETTERS)).hasSize(10)
                .allSatisfy(n -> assertThat(n.get("DeadLetters").asLong())
                        .isEqualTo(n.get("Route").asText().equals(SessionTopology.SESSIONS_BY_STATUS) ? 4 : 1));
        assertThat(metricLines(EmfMetrics.DEAD_LETTERS)).extracting(n -> n.get("Route").asText()).containsOnly(
                "trigger-summary", "publish-status-change", "page-handoff", SessionTopology.SESSIONS_BY_STATUS,
                SessionTopology.HANDOFFS_BY_REASON);
        JsonNode batch = log.stream().filter(l -> l.contains("\"kind\":\"batch\"")).map(RouterMetricsTest::read)
                .findFirst().orElseThrow();
        assertThat(batch.get("dead_letters.trigger-summary").asLong()).isEqualTo(1);
        assertThat(batch.get("dead_letters.page-handoff").asLong()).isEqualTo(1);
    }

    @Test
    void shouldLogTheEffectIdsAndCountThemWhenTheLedgerWriteFailsAfterThePage() throws Exception {
        // GIVEN a ledger that takes no writes
        ledger.failWrites(Integer.MAX_VALUE);

        // WHEN a handoff is paged
        handle("handoff-insert.json");

        // THEN the page went out and the lapse is one EMF line with the effect id
        assertThat(sinks.get(SessionTopology.HANDOFFS_SINK).messages()).hasSize(1);
        String effect = sinks.get(SessionTopology.HANDOFFS_SINK).messages().get(0).effectKey().toString();
        assertThat(metricLines(EmfMetrics.LEDGER_WRITE_FAILURES)).singleElement().satisfies(n -> {
            assertThat(n.get("Route").asText()).isEqualTo("page-handoff");
            assertThat(n.get("LedgerWriteFailures").asLong()).isEqualTo(1);
            assertThat(n.get("sink").asText()).isEqualTo("handoffs");
            assertThat(n.get("effects").toString()).isEqualTo("[\"" + effect + "\"]");
            assertThat(n.get("level").asText()).isEqualTo("ERROR");
        });
    }

    @Test
    void shouldLogTheStackTraceAndFailTheInvocationWhenASinkHasABug() {
        // GIVEN the analytics sink throws IllegalStateException
        sinks.get(SessionTopology.ANALYTICS_SINK).throwOnNextDelivery(new IllegalStateException("buffer closed"));

        // WHEN / THEN the invocation fails (function error) ...
        assertThatThrownBy(() -> handle("turn-insert.json")).isInstanceOf(UnexpectedFailureException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class);
        // ... with one structured line carrying the stack trace, and no batch response summary
        assertThat(log).singleElement().satisfies(line -> {
            JsonNode n = read(line);
            assertThat(n.get("kind").asText()).isEqualTo("batch_failed");
            assertThat(n.get("stack_trace").asText()).contains("IllegalStateException: buffer closed", "at dev.streampipe");
        });
    }
}
