package dev.streampipe.hotkey.alert;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Composite and logging sinks. */
public final class AlertSinks {

    private AlertSinks() {
    }

    /**
     * A sink calling every sink in order. Each is called even when an earlier one throws; the first
     * failure is then rethrown with the others suppressed.
     */
    public static AlertSink fanOut(List<AlertSink> sinks) {
        List<AlertSink> all = List.copyOf(sinks);
        return new AlertSink() {
            @Override
            public void publishMetrics(List<TableSnapshot> snapshots) {
                each(all, sink -> sink.publishMetrics(snapshots));
            }

            @Override
            public void publishAlert(KeyAlert alert) {
                each(all, sink -> sink.publishAlert(alert));
            }

            @Override
            public void close() {
                each(all, AlertSink::close);
            }
        };
    }

    /** A sink writing alerts to the log at WARN and hot tables' snapshots at INFO. */
    public static AlertSink logging() {
        Logger log = LoggerFactory.getLogger("dev.streampipe.monitor.alerts");
        return new AlertSink() {
            @Override
            public void publishMetrics(List<TableSnapshot> snapshots) {
                for (TableSnapshot s : snapshots) {
                    if (s.hotKeyCount() > 0) {
                        log.atInfo().addKeyValue("kind", "hot_keys").addKeyValue("table", s.table())
                                .addKeyValue("hotKeyCount", s.hotKeyCount())
                                .addKeyValue("maxKeyWcuPerSecond", s.maxKeyWcuPerSecond())
                                .addKeyValue("maxShardWcuPerSecond", s.maxShardWcuPerSecond()).log("hot keys");
                    }
                }
            }

            @Override
            public void publishAlert(KeyAlert alert) {
                log.atWarn().addKeyValue("kind", "hot_key_alert").addKeyValue("table", alert.table())
                        .addKeyValue("key", alert.key()).log(AlertMessages.summary(alert));
            }
        };
    }

    private static void each(List<AlertSink> sinks, Consumer<AlertSink> call) {
        RuntimeException first = null;
        for (AlertSink sink : sinks) {
            try {
                call.accept(sink);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
