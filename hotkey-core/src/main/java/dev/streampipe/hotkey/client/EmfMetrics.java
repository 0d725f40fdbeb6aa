package dev.streampipe.hotkey.client;

import dev.streampipe.core.json.EmfLine;
import dev.streampipe.core.json.EmfLine.Metric;
import dev.streampipe.hotkey.HotKeyEngine;
import dev.streampipe.hotkey.KeyRate;
import dev.streampipe.hotkey.ThrottleEvents;
import dev.streampipe.hotkey.alert.AlertSink;
import dev.streampipe.hotkey.alert.KeyAlert;
import dev.streampipe.hotkey.alert.TableSnapshot;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * CloudWatch Embedded Metric Format lines, one per table and tick, for an application that ships its stdout
 * to CloudWatch Logs (Lambda does): namespace as given, dimension {@code TableName}, metrics
 * {@code HotKeyCount} (Count), {@code MaxKeyWcuPerSecond} and {@code MaxKeyRcuPerSecond} (Count/Second) and
 * {@code ThrottledRequests} (Count, cumulative since start), written by the core's {@link EmfLine}. No CloudWatch
 * client, no call per tick.
 */
final class EmfMetrics implements AlertSink {

    private static final List<List<String>> BY_TABLE = List.of(List.of("TableName"));
    /** By name, as the line has always listed them. */
    private static final List<Metric> METRICS = List.of(new Metric("HotKeyCount", "Count"),
            new Metric("MaxKeyRcuPerSecond", "Count/Second"), new Metric("MaxKeyWcuPerSecond", "Count/Second"),
            new Metric("ThrottledRequests", "Count"));

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
        return EmfLine.of(s.at().toEpochMilli(), namespace, BY_TABLE, METRICS)
                .field("TableName", s.table())
                .field("HotKeyCount", s.hotKeyCount())
                .field("MaxKeyRcuPerSecond", maxKeyRcu)
                .field("MaxKeyWcuPerSecond", s.maxKeyWcuPerSecond())
                .field("ThrottledRequests", throttled)
                .end();
    }
}
