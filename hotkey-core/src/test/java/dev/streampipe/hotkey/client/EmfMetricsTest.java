package dev.streampipe.hotkey.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.hotkey.alert.TableSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {

    @Test
    void shouldWriteTheTablesMetricsOnOneExactLineWhenASnapshotIsPublished() {
        // GIVEN a table with three hot keys, the hottest writing 812 WCU/s
        TableSnapshot snapshot = new TableSnapshot("events", Instant.parse("2026-03-01T12:00:00.5Z"), 3, 812.0, 7.0,
                List.of(), List.of());

        // WHEN its EMF line is written with the hottest read key's rate and the throttles so far
        String line = EmfMetrics.line("streampipe/hotkeys", snapshot, 1234.5678, 42);

        // THEN the metadata names the four metrics by name, then the dimension and the values follow
        assertThat(line).isEqualTo("{\"_aws\":{\"Timestamp\":1772366400500,\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"streampipe/hotkeys\",\"Dimensions\":[[\"TableName\"]],\"Metrics\":[{\"Name\":\"HotKeyCount\","
                + "\"Unit\":\"Count\"},{\"Name\":\"MaxKeyRcuPerSecond\",\"Unit\":\"Count/Second\"},"
                + "{\"Name\":\"MaxKeyWcuPerSecond\",\"Unit\":\"Count/Second\"},{\"Name\":\"ThrottledRequests\","
                + "\"Unit\":\"Count\"}]}]},\"TableName\":\"events\",\"HotKeyCount\":3,\"MaxKeyRcuPerSecond\":1234.5678,"
                + "\"MaxKeyWcuPerSecond\":812.0,\"ThrottledRequests\":42}");
    }
}
