package dev.streampipe.core.json;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Objects;

/**
 * One structured log line in the one shape every deployable writes (the router's runtime, the summary function,
 * the hot-key monitor): a JSON object on a single line that starts
 * <pre>{@code {"timestamp":"2026-03-01T12:00:00Z","level":"INFO","logger":"summary","kind":"summary_written",...}}</pre>
 * followed by the line's own fields and, when present, {@value #MESSAGE} (human text), {@value #ERROR} (the
 * exception's class) and {@value #STACK_TRACE}. Levels are {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR};
 * {@code kind} is a stable snake_case name a log query can select on. Written by a {@link JsonText}, no string
 * concatenation; not thread-safe (one line per builder).
 */
public final class LogLine {
    public static final String TIMESTAMP = "timestamp";
    public static final String LEVEL = "level";
    public static final String LOGGER = "logger";
    public static final String KIND = "kind";
    public static final String MESSAGE = "message";
    public static final String ERROR = "error";
    public static final String STACK_TRACE = "stack_trace";

    /** Log levels, as written. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private final JsonText json = JsonText.object();

    private LogLine(Level level, Instant at, String logger, String kind) {
        json.field(TIMESTAMP, Objects.requireNonNull(at, "at").toString())
                .field(LEVEL, Objects.requireNonNull(level, "level").name())
                .field(LOGGER, Objects.requireNonNull(logger, "logger"))
                .field(KIND, Objects.requireNonNull(kind, "kind"));
    }

    /** A line of {@code level} at {@code at} from {@code logger} (the component) about {@code kind}. */
    public static LogLine of(Level level, Instant at, String logger, String kind) {
        return new LogLine(level, at, logger, kind);
    }

    public static LogLine info(Instant at, String logger, String kind) {
        return new LogLine(Level.INFO, at, logger, kind);
    }

    public static LogLine warn(Instant at, String logger, String kind) {
        return new LogLine(Level.WARN, at, logger, kind);
    }

    public static LogLine error(Instant at, String logger, String kind) {
        return new LogLine(Level.ERROR, at, logger, kind);
    }

    /** The human-readable text of the line. */
    public LogLine message(String text) {
        return field(MESSAGE, text);
    }

    /** The exception's class as {@value #ERROR}, its message as {@value #MESSAGE} and its {@value #STACK_TRACE}. */
    public LogLine exception(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return error(t).field(STACK_TRACE, trace.toString());
    }

    /** The exception's class as {@value #ERROR} and its message as {@value #MESSAGE}: an expected failure, no trace. */
    public LogLine error(Throwable t) {
        return field(ERROR, t.getClass().getName()).field(MESSAGE, String.valueOf(t.getMessage()));
    }

    public LogLine field(String name, String valueOrNull) {
        json.field(name, valueOrNull);
        return this;
    }

    public LogLine field(String name, long value) {
        json.field(name, value);
        return this;
    }

    public LogLine field(String name, boolean value) {
        json.field(name, value);
        return this;
    }

    /** A String, integral Number, other Number (finite, else text), Boolean or null; anything else as its text. */
    public LogLine value(String name, Object value) {
        if (value == null) {
            return field(name, (String) null);
        } else if (value instanceof Boolean b) {
            return field(name, b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return field(name, ((Number) value).longValue());
        } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            json.field(name, n.doubleValue());
            return this;
        }
        return field(name, value.toString());
    }

    /** A field whose value is already JSON text (an object or array built elsewhere). */
    public LogLine raw(String name, String text) {
        json.raw(name, text);
        return this;
    }

    /** The line, without a line break. */
    public String end() {
        return json.end();
    }
}
