package dev.streampipe.monitor.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.streampipe.core.hotkey.HotKeyEngine;
import dev.streampipe.core.hotkey.KeyRate;
import dev.streampipe.core.hotkey.ThrottleEvents;
import dev.streampipe.monitor.alert.AlertSink;
import dev.streampipe.monitor.alert.KeyAlert;
import dev.streampipe.monitor.alert.TableSnapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * CloudWatch Embedded Metric Format lines, one per table and tick, for an application that ships its stdout
 * to CloudWatch Logs (Lambda does): namespace as given, dimension {@code TableName}, metrics
 * {@code HotKeyCount} (Count), {@code MaxKeyWcuPerSecond} and {@code MaxKeyRcuPerSecond} (Count/Second) and
 * {@code ThrottledRequests} (Count, cumulative since start). No CloudWatch client, no call per tick.
 */
final class EmfMetrics implements AlertSink {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String namespace;
    private final HotKeyEngine engine;
    private final ThrottleEvents throttles;
    private final Consumer<String> sink;

    EmfMetrics(String namespace, HotKeyEngine engine, ThrottleEvents throttles, Consumer<String> sink) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.engine = engine;
        this.throttles = throttles;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void publishMetrics(List<TableSnapshot> snapshots) {
        for (TableSnapshot s : snapshots) {
            List<KeyRate> reads = engine.topReadKeys(s.table(), 1);
            long throttled = throttles.byReason(s.table()).values().stream().mapToLong(Long::longValue).sum();
            sink.accept(line(namespace, s, reads.isEmpty() ? 0 : reads.get(0).rcuPerSecond(), throttled));
        }
    }

    @Override
    public void publishAlert(KeyAlert alert) {
    }

    static String line(String namespace, TableSnapshot s, double maxKeyRcu, long throttled) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", s.at().toEpochMilli());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            json.writeString("TableName");
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (Map.Entry<String, String> metric : Map.of("HotKeyCount", "Count", "MaxKeyWcuPerSecond", "Count/Second",
                    "MaxKeyRcuPerSecond", "Count/Second", "ThrottledRequests", "Count").entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).toList()) {
                json.writeStartObject();
                json.writeStringField("Name", metric.getKey());
                json.writeStringField("Unit", metric.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField("TableName", s.table());
            json.writeNumberField("HotKeyCount", s.hotKeyCount());
            json.writeNumberField("MaxKeyRcuPerSecond", maxKeyRcu);
            json.writeNumberField("MaxKeyWcuPerSecond", s.maxKeyWcuPerSecond());
            json.writeNumberField("ThrottledRequests", throttled);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an EMF line", e);
        }
        return out.toString();
    }
}
