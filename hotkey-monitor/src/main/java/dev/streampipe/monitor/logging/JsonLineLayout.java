package dev.streampipe.monitor.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import dev.streampipe.core.json.LogLine;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Logback layout writing each event as one {@link LogLine}, the shape the router and the summary function log:
 * {@code {"timestamp":..,"level":..,"logger":<logger name>,"kind":..,"thread":..,<key-value pairs>,"message":..,
 * "error":..,"stack_trace":..}}. The {@code kind} is the event's {@code kind} key-value pair
 * ({@code LOG.atInfo().addKeyValue("kind", "monitor_started")...}), else {@value #DEFAULT_KIND}; every other
 * key-value pair is a field. A message that is already one such line (it starts with {@code {"timestamp":}, as the
 * client hot-key warnings do) is written as it is. TRACE is written as DEBUG.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    /** The kind of an event that names none. */
    public static final String DEFAULT_KIND = "log";
    private static final String PREFORMATTED = "{\"" + LogLine.TIMESTAMP + "\":";

    @Override
    public String doLayout(ILoggingEvent event) {
        return line(event) + CoreConstants.LINE_SEPARATOR;
    }

    /** The event's line, without the line break. */
    public static String line(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        boolean noPairs = pairs == null || pairs.isEmpty();
        if (message != null && noPairs && event.getThrowableProxy() == null && message.startsWith(PREFORMATTED)
                && message.endsWith("}") && message.indexOf('\n') < 0) {
            return message;
        }
        String kind = DEFAULT_KIND;
        if (!noPairs) {
            for (KeyValuePair p : pairs) {
                if (LogLine.KIND.equals(p.key) && p.value != null) {
                    kind = p.value.toString();
                }
            }
        }
        LogLine line = LogLine.of(level(event.getLevel()), event.getInstant(), event.getLoggerName(), kind)
                .field("thread", event.getThreadName());
        if (!noPairs) {
            for (KeyValuePair p : pairs) {
                if (!LogLine.KIND.equals(p.key)) {
                    line.value(p.key, p.value);
                }
            }
        }
        line.message(message);
        IThrowableProxy failure = event.getThrowableProxy();
        if (failure != null) {
            line.field(LogLine.ERROR, failure.getClassName())
                    .field("error_message", failure.getMessage())
                    .field(LogLine.STACK_TRACE, ThrowableProxyUtil.asString(failure));
        }
        return line.end();
    }

    private static LogLine.Level level(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> LogLine.Level.ERROR;
            case Level.WARN_INT -> LogLine.Level.WARN;
            case Level.INFO_INT -> LogLine.Level.INFO;
            default -> LogLine.Level.DEBUG;
        };
    }
}
