package dev.streampipe.monitor;

import dev.streampipe.hotkey.alert.AlertSink;
import dev.streampipe.hotkey.alert.KeyAlert;
import dev.streampipe.hotkey.alert.TableSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps every alert and the latest snapshots, for assertions from the test thread. */
final class RecordingAlertSink implements AlertSink {

    private final List<KeyAlert> alerts = new CopyOnWriteArrayList<>();
    private final AtomicReference<List<TableSnapshot>> lastSnapshots = new AtomicReference<>(List.of());

    @Override
    public void publishMetrics(List<TableSnapshot> snapshots) {
        lastSnapshots.set(snapshots);
    }

    @Override
    public void publishAlert(KeyAlert alert) {
        alerts.add(alert);
    }

    List<KeyAlert> alerts() {
        return List.copyOf(alerts);
    }

    List<TableSnapshot> lastSnapshots() {
        return lastSnapshots.get();
    }
}
