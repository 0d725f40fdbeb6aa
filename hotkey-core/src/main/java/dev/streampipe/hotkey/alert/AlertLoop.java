package dev.streampipe.hotkey.alert;

import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.HotKeyEngine;
import dev.streampipe.hotkey.KeyRate;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Mitigation;
import dev.streampipe.hotkey.ShardRate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation tick: steps the engine at the clock's now, publishes every HOT and RECOVERED
 * transition as a {@link KeyAlert} and one {@link TableSnapshot} per table to the sink.
 *
 * <p>It remembers each HOT key's peak WCU/s until the key recovers, so a RECOVERED alert and the
 * write shards needed reflect the whole episode. Memory: one entry per HOT key.
 *
 * <p>Not thread-safe: call {@link #tick()} from one thread (the monitor's scheduler, the client detector's ticker). A sink failure
 * is logged with the alert's summary and counted in {@link #publishFailures()}; the tick goes on.
 */
public final class AlertLoop {

    private static final Logger LOG = LoggerFactory.getLogger(AlertLoop.class);

    private final HotKeyEngine engine;
    private final AlertSink sink;
    private final Clock clock;
    private final int topKeys;
    private final double targetUtilization;
    private final Map<String, Map<String, Double>> peaks = new HashMap<>();
    private final AtomicLong alertsPublished = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();

    /**
     * @param engine            the engine the shard processors feed
     * @param sink              where alerts and snapshots go
     * @param clock             evaluation time
     * @param topKeys           keys listed per table, &gt;= 1
     * @param targetUtilization write-shard target utilization, (0, 1]
     */
    public AlertLoop(HotKeyEngine engine, AlertSink sink, Clock clock, int topKeys, double targetUtilization) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (topKeys < 1) {
            throw new IllegalArgumentException("topKeys must be >= 1, was " + topKeys);
        }
        Mitigation.writeShardsNeeded(0, targetUtilization); // validates the fraction with its own message
        this.topKeys = topKeys;
        this.targetUtilization = targetUtilization;
    }

    /** Evaluates once and publishes; returns the alerts published (or attempted). */
    public List<KeyAlert> tick() {
        Instant now = clock.instant();
        List<AlertTransition> transitions = engine.evaluate(now);
        Map<String, List<KeyReport>> reportsByTable = new HashMap<>();
        List<TableSnapshot> snapshots = new ArrayList<>();
        for (String table : engine.tables()) {
            List<KeyRate> rates = engine.topKeys(table, Integer.MAX_VALUE);
            notePeaks(table, rates);
            List<KeyReport> top = rates.stream().limit(topKeys).map(this::report).toList();
            reportsByTable.put(table, top);
            List<ShardRate> shards = engine.topShards(table, topKeys);
            int hot = (int) rates.stream().filter(r -> r.state() == KeyState.HOT).count();
            snapshots.add(new TableSnapshot(table, now, hot, rates.isEmpty() ? 0 : rates.get(0).wcuPerSecond(),
                    shards.isEmpty() ? 0 : shards.get(0).wcuPerSecond(), top, shards));
        }
        List<KeyAlert> alerts = new ArrayList<>();
        for (AlertTransition transition : transitions) {
            if (transition.to() == KeyState.HOT || transition.to() == KeyState.RECOVERED) {
                KeyAlert alert = KeyAlert.of(transition, peakOf(transition),
                        targetUtilization, reportsByTable.getOrDefault(transition.table(), List.of()));
                alerts.add(alert);
                publish(alert);
            }
            if (transition.to() != KeyState.HOT) {
                forgetPeak(transition.table(), transition.key());
            }
        }
        snapshots.sort((a, b) -> a.table().compareTo(b.table()));
        try {
            sink.publishMetrics(snapshots);
        } catch (RuntimeException e) {
            publishFailures.incrementAndGet();
            LOG.atError().addKeyValue("kind", "metrics_publication_failed").addKeyValue("tables", snapshots.size())
                    .setCause(e).log("metrics publication failed");
        }
        return alerts;
    }

    /** Alerts handed to the sink without an exception. */
    public long alertsPublished() {
        return alertsPublished.get();
    }

    /** Sink calls that threw (alerts and metrics). */
    public long publishFailures() {
        return publishFailures.get();
    }

    private void publish(KeyAlert alert) {
        try {
            sink.publishAlert(alert);
            alertsPublished.incrementAndGet();
        } catch (RuntimeException e) {
            publishFailures.incrementAndGet();
            LOG.atError().addKeyValue("kind", "alert_publication_failed").setCause(e)
                    .log("alert publication failed: {}", AlertMessages.summary(alert));
        }
    }

    private KeyReport report(KeyRate rate) {
        return new KeyReport(rate.key(), rate.wcuPerSecond(), rate.writesPerSecond(), rate.state(),
                Mitigation.writeShardsNeeded(rate.wcuPerSecond(), targetUtilization));
    }

    private void notePeaks(String table, List<KeyRate> rates) {
        for (KeyRate rate : rates) {
            if (rate.state() == KeyState.HOT) {
                peaks.computeIfAbsent(table, t -> new HashMap<>()).merge(rate.key(), rate.wcuPerSecond(), Math::max);
            }
        }
    }

    private double peakOf(AlertTransition transition) {
        Map<String, Double> tablePeaks = peaks.get(transition.table());
        Double peak = tablePeaks == null ? null : tablePeaks.get(transition.key());
        return peak == null ? transition.wcuPerSecond() : Math.max(peak, transition.wcuPerSecond());
    }

    private void forgetPeak(String table, String key) {
        Map<String, Double> tablePeaks = peaks.get(table);
        if (tablePeaks != null) {
            tablePeaks.remove(key);
            if (tablePeaks.isEmpty()) {
                peaks.remove(table);
            }
        }
    }
}
