package dev.streampipe.hotkey.client;

import dev.streampipe.core.json.LogLine;
import dev.streampipe.hotkey.KeyCounts;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.alert.AlertSink;
import dev.streampipe.hotkey.alert.KeyAlert;
import dev.streampipe.hotkey.alert.TableSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The reference detector's warning ({@code Hot partition detected - table="events" pk="EVENTS" had 500 writes
 * in 60s}) as one structured JSON line per HOT transition:
 * <pre>{@code
 * {"timestamp":"..","level":"WARN","logger":"dev.streampipe.hotkey.client","kind":"hot_partition","table":"events",
 *  "pk":"EVENTS","writes":500,"reads":0,"window_s":10,"wcu_per_s":812.0,"rcu_per_s":0.0,"wcu_limit":800.0,
 *  "rcu_limit":2400.0,"message":"Hot partition detected - table=\"events\" pk=\"EVENTS\" had 500 writes in 10s"}
 * }</pre>
 * The message names reads instead of writes when the key is hot on reads only. An {@link AlertSink}; snapshots
 * are ignored. Identifiers and counts only, never item content.
 */
final class HotPartitionWarning implements AlertSink {

    static final String LOGGER = "dev.streampipe.hotkey.client";

    private final BiFunction<String, String, KeyCounts> counts;
    private final Consumer<String> sink;

    HotPartitionWarning(BiFunction<String, String, KeyCounts> counts, Consumer<String> sink) {
        this.counts = Objects.requireNonNull(counts, "counts");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void publishMetrics(List<TableSnapshot> snapshots) {
    }

    @Override
    public void publishAlert(KeyAlert alert) {
        if (alert.transition().isAlert()) {
            sink.accept(line(alert, counts.apply(alert.table(), alert.key())));
        }
    }

    /** The warning line for a HOT alert and the key's counts in the window (null when no longer tracked). */
    static String line(KeyAlert alert, KeyCounts window) {
        var t = alert.transition();
        Threshold limit = t.threshold();
        long writes = window == null ? 0 : window.writes();
        long reads = window == null ? 0 : window.reads();
        int seconds = window == null ? 0 : window.windowSeconds();
        boolean onReads = !limit.isExceededBy(t.wcuPerSecond(), t.writesPerSecond());
        String message = String.format(Locale.ROOT, "Hot partition detected - table=\"%s\" pk=\"%s\" had %d %s in %ds",
                t.table(), t.key(), onReads ? reads : writes, onReads ? "reads" : "writes", seconds);
        LogLine line = LogLine.warn(t.at(), LOGGER, "hot_partition")
                .field("table", t.table())
                .field("pk", t.key())
                .field("writes", writes)
                .field("reads", reads)
                .field("window_s", seconds)
                .value("wcu_per_s", t.wcuPerSecond())
                .value("rcu_per_s", t.rcuPerSecond())
                // An unlimited dimension has no limit: null.
                .value("wcu_limit", Double.isInfinite(limit.wcuPerSecond()) ? null : limit.wcuPerSecond())
                .value("rcu_limit", Double.isInfinite(limit.rcuPerSecond()) ? null : limit.rcuPerSecond());
        return line.message(message).end();
    }
}
