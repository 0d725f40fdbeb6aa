package dev.streampipe.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Structured log: one JSON object per line, {@code {"ts":..,"level":..,"logger":"summary","event":..,...}}.
 *
 * <p>Callers pass identifiers and counts only, never conversation text. Thread-safe.
 */
public final class JsonLog {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Consumer<String> sink;
    private final Clock clock;

    /** Logs lines to {@code sink}, stamped with {@code clock}. */
    public JsonLog(Consumer<String> sink, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Logs to standard output, which Lambda ships to CloudWatch Logs line by line. */
    public static JsonLog toStandardOutput(Clock clock) {
        return new JsonLog(System.out::println, clock);
    }

    /** @param fields alternating names and values (String, Number, Boolean or null) */
    public void info(String event, Object... fields) {
        log("INFO", event, fields);
    }

    /** @param fields alternating names and values (String, Number, Boolean or null) */
    public void warn(String event, Object... fields) {
        log("WARN", event, fields);
    }

    /** @param fields alternating names and values (String, Number, Boolean or null) */
    public void error(String event, Object... fields) {
        log("ERROR", event, fields);
    }

    private void log(String level, String event, Object... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("log fields must be name/value pairs, got " + fields.length + " items");
        }
        StringWriter line = new StringWriter(128);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("ts", clock.instant().toString());
            json.writeStringField("level", level);
            json.writeStringField("logger", "summary");
            json.writeStringField("event", event);
            for (int i = 0; i < fields.length; i += 2) {
                json.writeFieldName(String.valueOf(fields[i]));
                writeValue(json, fields[i + 1]);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log line for " + event, e);
        }
        sink.accept(line.toString());
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else {
            json.writeString(value.toString());
        }
    }
}
