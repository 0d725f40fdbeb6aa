package dev.streampipe.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogLineTest {
    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void shouldStartWithTimestampLevelLoggerAndKindWhenWritten() {
        // WHEN
        String line = LogLine.info(AT, "summary", "summary_written").field("sessionId", "s-\"1\"").field("window", 2)
                .field("retryable", false).value("ratio", 0.5).value("none", null).message("done").end();

        // THEN one JSON object, common keys first, strings escaped
        assertThat(line).isEqualTo("{\"timestamp\":\"2026-03-01T12:00:00Z\",\"level\":\"INFO\",\"logger\":\"summary\","
                + "\"kind\":\"summary_written\",\"sessionId\":\"s-\\\"1\\\"\",\"window\":2,\"retryable\":false,"
                + "\"ratio\":0.5,\"none\":null,\"message\":\"done\"}");
    }

    @Test
    void shouldNameTheErrorClassMessageAndStackTraceWhenGivenAnException() {
        // WHEN
        String line = LogLine.error(AT, "stream-runtime", "batch_failed")
                .exception(new IllegalStateException("buffer\nclosed")).end();

        // THEN on one line, the newline escaped
        assertThat(line).doesNotContain("\n")
                .contains("\"level\":\"ERROR\"", "\"error\":\"java.lang.IllegalStateException\"",
                        "\"message\":\"buffer\\nclosed\"", "\"stack_trace\":\"java.lang.IllegalStateException: buffer\\nclosed");
    }

    @Test
    void shouldWriteNonFiniteNumbersAsTextWhenGivenThem() {
        assertThat(LogLine.warn(AT, "l", "k").value("rate", Double.POSITIVE_INFINITY).end())
                .endsWith("\"rate\":\"Infinity\"}");
    }
}
