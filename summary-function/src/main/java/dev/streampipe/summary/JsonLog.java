package dev.streampipe.summary;

import dev.streampipe.core.json.LogLine;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Structured log in the shape every deployable writes ({@link LogLine}): one JSON object per line,
 * {@code {"timestamp":..,"level":..,"logger":"summary","kind":..,...fields,"error":..,"message":..}}.
 *
 * <p>Callers pass identifiers and counts only, never conversation text. Thread-safe.
 */
public final class JsonLog {
    /** The {@code logger} of every line. */
    public static final String LOGGER = "summary";

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
    public void info(String kind, Object... fields) {
        sink.accept(line(LogLine.Level.INFO, kind, fields).end());
    }

    /** @param fields alternating names and values (String, Number, Boolean or null) */
    public void warn(String kind, Object... fields) {
        sink.accept(line(LogLine.Level.WARN, kind, fields).end());
    }

    /** @param fields alternating names and values (String, Number, Boolean or null) */
    public void error(String kind, Object... fields) {
        sink.accept(line(LogLine.Level.ERROR, kind, fields).end());
    }

    /**
     * An ERROR line naming {@code failure}'s class and message; with its stack trace when {@code withStackTrace}
     * (an unexpected failure: a bug to find).
     *
     * @param fields alternating names and values (String, Number, Boolean or null)
     */
    public void failure(String kind, Throwable failure, boolean withStackTrace, Object... fields) {
        LogLine line = line(LogLine.Level.ERROR, kind, fields);
        sink.accept((withStackTrace ? line.exception(failure) : line.error(failure)).end());
    }

    private LogLine line(LogLine.Level level, String kind, Object... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("log fields must be name/value pairs, got " + fields.length + " items");
        }
        LogLine line = LogLine.of(level, clock.instant(), LOGGER, kind);
        for (int i = 0; i < fields.length; i += 2) {
            line.value(String.valueOf(fields[i]), fields[i + 1]);
        }
        return line;
    }
}
