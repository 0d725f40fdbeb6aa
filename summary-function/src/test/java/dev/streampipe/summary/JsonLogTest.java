package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLogTest {

    private final List<String> lines = new ArrayList<>();
    private final JsonLog log = new JsonLog(lines::add,
            Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void shouldWriteOneJsonObjectPerLineWhenLogging() {
        // WHEN
        log.warn("something \"odd\"", "sessionId", "s-1", "window", 2L, "retryable", true, "ratio", 0.5, "none", null);

        // THEN
        assertThat(lines).containsExactly("{\"timestamp\":\"2026-03-01T12:00:00Z\",\"level\":\"WARN\",\"logger\":\"summary\","
                + "\"kind\":\"something \\\"odd\\\"\",\"sessionId\":\"s-1\",\"window\":2,\"retryable\":true,"
                + "\"ratio\":0.5,\"none\":null}");
    }

    @Test
    void shouldRejectWhenFieldsAreNotPairs() {
        // WHEN / THEN
        assertThatThrownBy(() -> log.info("e", "lonely"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log fields must be name/value pairs, got 1 items");
    }
}
