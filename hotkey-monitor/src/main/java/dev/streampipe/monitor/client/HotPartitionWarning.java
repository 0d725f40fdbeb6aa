package dev.streampipe.monitor.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.streampipe.core.hotkey.KeyCounts;
import dev.streampipe.core.hotkey.Threshold;
import dev.streampipe.monitor.alert.AlertSink;
import dev.streampipe.monitor.alert.KeyAlert;
import dev.streampipe.monitor.alert.TableSnapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The reference detector's warning ({@code Hot partition detected - table="events" pk="EVENTS" had 500 writes
 * in 60s}) as one structured JSON line per HOT transition:
 * <pre>{@code
 * {"ts":"..","level":"WARN","logger":"dev.streampipe.hotkey.client","event":"hot_partition","table":"events",
 *  "pk":"EVENTS","writes":500,"reads":0,"window_s":10,"wcu_per_s":812.0,"rcu_per_s":0.0,"wcu_limit":800.0,
 *  "rcu_limit":2400.0,"message":"Hot partition detected - table=\"events\" pk=\"EVENTS\" had 500 writes in 10s"}
 * }</pre>
 * The message names reads instead of writes when the key is hot on reads only. An {@link AlertSink}; snapshots
 * are ignored. Identifiers and counts only, never item content.
 */
final class HotPartitionWarning implements AlertSink {

    static final String LOGGER = "dev.streampipe.hotkey.client";
    private static final JsonFactory JSON = JsonFactory.builder().build();

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
        StringWriter out = new StringWriter(320);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("ts", t.at().toString());
            json.writeStringField("level", "WARN");
            json.writeStringField("logger", LOGGER);
            json.writeStringField("event", "hot_partition");
            json.writeStringField("table", t.table());
            json.writeStringField("pk", t.key());
            json.writeNumberField("writes", writes);
            json.writeNumberField("reads", reads);
            json.writeNumberField("window_s", seconds);
            json.writeNumberField("wcu_per_s", t.wcuPerSecond());
            json.writeNumberField("rcu_per_s", t.rcuPerSecond());
            limitField(json, "wcu_limit", limit.wcuPerSecond());
            limitField(json, "rcu_limit", limit.rcuPerSecond());
            json.writeStringField("message", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the warning line", e);
        }
        return out.toString();
    }

    private static void limitField(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isInfinite(value)) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }
}
