package dev.streampipe.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.alert.KeyAlert;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sink (moved from AlertSinksTest, which went to the hot-key module with the composite sink). */
class FileAlertSinkTest {

    private static KeyAlert alert(String key) {
        return KeyAlert.of(new AlertTransition("sessions", key, KeyState.OK, KeyState.HOT, 1_500, 1_500,
                Threshold.ofWcu(800), Instant.parse("2026-11-23T12:00:00Z")), 0, 0.8, List.of());
    }

    @Test
    void shouldAppendOneJsonLinePerAlertWhenWritingToAFile(@TempDir Path dir) throws Exception {
        // GIVEN a file sink in a directory that does not exist yet
        Path file = dir.resolve("out/alerts.jsonl");
        try (FileAlertSink sink = new FileAlertSink(file)) {
            // WHEN two alerts are published
            sink.publishAlert(alert("SESSION#1"));
            sink.publishAlert(alert("SESSION#2"));
            // THEN both are on disk already, one JSON object per line
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(2);
            assertThat(new ObjectMapper().readTree(lines.get(1)).get("key").asText()).isEqualTo("SESSION#2");
            assertThat(new ObjectMapper().readTree(lines.get(0)).get("writeShardsNeeded").asInt()).isEqualTo(2);
        }
    }
}
