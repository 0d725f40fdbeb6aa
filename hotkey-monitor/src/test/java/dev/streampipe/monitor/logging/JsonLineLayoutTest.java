package dev.streampipe.monitor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLineLayoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Logger logger = new LoggerContext().getLogger("dev.streampipe.monitor.HotKeyMonitor");

    static LoggingEvent event(Logger logger, Level level, String message, Throwable t, Object... args) {
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, level, message, t, args);
        e.setThreadName("hotkey-evaluate");
        return e;
    }

    @Test
    void shouldUseTheKindPairAndWriteOtherPairsAsFieldsWhenTheEventHasKeyValuePairs() throws Exception {
        // GIVEN an INFO event with kind, table and a count
        LoggingEvent e = event(logger, Level.INFO, "monitor started", null);
        e.addKeyValuePair(new KeyValuePair("kind", "monitor_started"));
        e.addKeyValuePair(new KeyValuePair("table", "sessions"));
        e.addKeyValuePair(new KeyValuePair("workers", 2));

        // WHEN
        String line = new JsonLineLayout().doLayout(e);

        // THEN one line; kind from the pair, the others as typed fields
        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        JsonNode n = JSON.readTree(line);
        assertThat(n.get("level").asText()).isEqualTo("INFO");
        assertThat(n.get("logger").asText()).isEqualTo("dev.streampipe.monitor.HotKeyMonitor");
        assertThat(n.get("kind").asText()).isEqualTo("monitor_started");
        assertThat(n.get("table").asText()).isEqualTo("sessions");
        assertThat(n.get("workers").asLong()).isEqualTo(2);
        assertThat(n.get("thread").asText()).isEqualTo("hotkey-evaluate");
        assertThat(n.get("message").asText()).isEqualTo("monitor started");
    }

    @Test
    void shouldFormatTheMessageAndAddTheStackTraceWhenAPlainEventCarriesAThrowable() throws Exception {
        // GIVEN a parameterized WARN without pairs, with a cause
        LoggingEvent e = event(logger, Level.WARN, "closing {} failed", new IllegalStateException("closed twice"),
                "sns");

        // WHEN
        JsonNode n = JSON.readTree(JsonLineLayout.line(e));

        // THEN the default kind, the formatted text, the error class, its message and the trace
        assertThat(n.get("kind").asText()).isEqualTo(JsonLineLayout.DEFAULT_KIND);
        assertThat(n.get("message").asText()).isEqualTo("closing sns failed");
        assertThat(n.get("error").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(n.get("error_message").asText()).isEqualTo("closed twice");
        assertThat(n.get("stack_trace").asText()).contains("java.lang.IllegalStateException: closed twice");
    }

    @Test
    void shouldWriteAnAlreadyStructuredLineAsItIsWhenTheMessageIsOne() {
        // GIVEN the client hot-key warning, already a line of the common shape
        String warning = "{\"timestamp\":\"2026-03-01T12:00:00Z\",\"level\":\"WARN\",\"logger\":\"dev.streampipe."
                + "hotkey.client\",\"kind\":\"hot_partition\",\"message\":\"Hot partition detected\"}";

        // WHEN / THEN
        assertThat(JsonLineLayout.line(event(logger, Level.WARN, warning, null))).isEqualTo(warning);
    }
}
