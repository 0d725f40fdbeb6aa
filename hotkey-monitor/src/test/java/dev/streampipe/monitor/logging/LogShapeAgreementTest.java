package dev.streampipe.monitor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.summary.JsonLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The router's runtime, the summary function and the hot-key monitor log in one shape. */
class LogShapeAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<String> COMMON_KEYS =
            List.of("timestamp", "level", "logger", "kind", "message", "error", "stack_trace");

    @Test
    void shouldShareKeyNamesOrderAndValueFormatsWhenEachDeployableLogsAFailure() throws Exception {
        // GIVEN one error line of each deployable
        String router = StreamRuntime.failure(new IllegalStateException("buffer closed"), AT);
        List<String> summaryLines = new ArrayList<>();
        new JsonLog(summaryLines::add, Clock.fixed(AT, ZoneOffset.UTC))
                .failure("summary_failed", new IllegalStateException("model down"), true, "sessionId", "s-1");
        LoggingEvent event = new LoggingEvent(getClass().getName(),
                new LoggerContext().getLogger("dev.streampipe.monitor.HotKeyMonitor"), Level.ERROR,
                "evaluation tick failed; the next tick runs as scheduled", new IllegalStateException("tick"), null);
        event.setInstant(AT);
        event.addKeyValuePair(new KeyValuePair("kind", "evaluation_failed"));
        String monitor = new JsonLineLayout().doLayout(event).strip();

        // WHEN each is parsed
        Map<String, JsonNode> lines = Map.of("router", JSON.readTree(router), "summary",
                JSON.readTree(summaryLines.get(0)), "monitor", JSON.readTree(monitor));

        // THEN each is one line, starts with timestamp, level, logger, kind, and has message, error and stack_trace
        assertThat(List.of(router, summaryLines.get(0), monitor)).allSatisfy(l -> assertThat(l).doesNotContain("\n"));
        lines.forEach((who, n) -> {
            Iterator<String> names = n.fieldNames();
            assertThat(List.of(names.next(), names.next(), names.next(), names.next())).as(who)
                    .containsExactly("timestamp", "level", "logger", "kind");
            assertThat(n.has("message") && n.has("error") && n.has("stack_trace")).as(who + ": " + n).isTrue();
            assertThat(Instant.parse(n.get("timestamp").asText())).as(who).isEqualTo(AT);
            assertThat(n.get("level").asText()).as(who).isEqualTo("ERROR");
            assertThat(n.get("error").asText()).as(who).isEqualTo("java.lang.IllegalStateException");
            assertThat(n.get("stack_trace").asText()).as(who).startsWith("java.lang.IllegalStateException");
            COMMON_KEYS.forEach(k -> assertThat(n.get(k).isTextual()).as(who + "." + k).isTrue());
        });
        assertThat(lines.get("router").get("logger").asText()).isEqualTo(StreamRuntime.LOGGER);
        assertThat(lines.get("summary").get("logger").asText()).isEqualTo(JsonLog.LOGGER);
        assertThat(lines.get("monitor").get("kind").asText()).isEqualTo("evaluation_failed");
    }
}
