package dev.streampipe.hotkey.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Threshold;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The composite sink (the file sink's test is the monitor's FileAlertSinkTest). */
class AlertSinksTest {

    private static KeyAlert alert(String key) {
        return KeyAlert.of(new AlertTransition("sessions", key, KeyState.OK, KeyState.HOT, 1_500, 1_500,
                Threshold.ofWcu(800), Instant.parse("2026-11-23T12:00:00Z")), 0, 0.8, List.of());
    }

    @Test
    void shouldCallEverySinkAndRethrowTheFirstFailureWhenOneSinkFails() {
        // GIVEN a failing sink between two recording ones
        List<String> calls = new ArrayList<>();
        AlertSink recording = new AlertSink() {
            @Override
            public void publishMetrics(List<TableSnapshot> snapshots) {
                calls.add("metrics");
            }

            @Override
            public void publishAlert(KeyAlert alert) {
                calls.add(alert.key());
            }
        };
        AlertSink failing = new AlertSink() {
            @Override
            public void publishMetrics(List<TableSnapshot> snapshots) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void publishAlert(KeyAlert alert) {
                throw new IllegalStateException("alerts down");
            }
        };
        AlertSink all = AlertSinks.fanOut(List.of(recording, failing, recording));
        // WHEN published  THEN both good sinks were called and the failure surfaces
        assertThatThrownBy(() -> all.publishAlert(alert("SESSION#1"))).hasMessage("alerts down");
        assertThatThrownBy(() -> all.publishMetrics(List.of())).hasMessage("metrics down");
        assertThat(calls).containsExactly("SESSION#1", "SESSION#1", "metrics", "metrics");
    }
}
