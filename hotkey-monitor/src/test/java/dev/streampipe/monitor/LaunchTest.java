package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.monitor.alert.FileAlertSink;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchTest {

    private static final String ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/sessions/stream/2026-01-01T00:00:00.000";

    @TempDir
    Path dir;

    @Test
    void shouldOpenTheAlertFileAndReadTheEndpointWhenAllIsValid() {
        // GIVEN a valid environment naming an alert file in an existing directory and an emulator
        Path alerts = dir.resolve("alerts.jsonl");
        Map<String, String> environment = Map.of("STREAM_ARN", ARN, "ALERT_FILE", alerts.toString(),
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:5000");
        // WHEN prepared
        Launch launch = Launch.prepare(CommandLine.parse(), environment);
        // THEN the file is open (created), the endpoint read
        try (FileAlertSink ignored = launch.alertFile().orElseThrow()) {
            assertThat(alerts).exists();
            assertThat(launch.emulatorEndpoint()).contains(URI.create("http://127.0.0.1:5000"));
            assertThat(launch.config().tableName()).isEqualTo("sessions");
        }
    }

    @Test
    void shouldNameTheAlertFileWhenItsDirectoryDoesNotExist() {
        // GIVEN an alert file in a directory that does not exist
        Path alerts = dir.resolve("no-such-dir").resolve("alerts.jsonl");
        // WHEN opened  THEN refused (no directory is made), naming ALERT_FILE and the directory
        assertThatThrownBy(() -> Launch.openAlertFile(alerts))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("ALERT_FILE '" + alerts + "': '" + alerts.getParent() + "' does not exist");
        assertThat(alerts.getParent()).doesNotExist();
    }

    @Test
    void shouldNameTheAlertFileWhenItsDirectoryIsAFile() throws IOException {
        // GIVEN an alert file "inside" a regular file
        Path file = Files.createFile(dir.resolve("plain"));
        Path alerts = file.resolve("alerts.jsonl");
        // WHEN opened  THEN refused
        assertThatThrownBy(() -> Launch.openAlertFile(alerts))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("ALERT_FILE '" + alerts + "': '" + file + "' is not a directory");
    }

    @Test
    void shouldNameTheAlertFileWhenItIsADirectory() {
        assertThatThrownBy(() -> Launch.openAlertFile(dir))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("ALERT_FILE '" + dir + "' is a directory; name a file in it");
    }

    @Test
    void shouldNameTheAlertFileAndTheReasonWhenOpeningItFails() throws IOException {
        // GIVEN an alert file that is a link to a file in a directory that does not exist
        Path alerts = Files.createSymbolicLink(dir.resolve("alerts.jsonl"), dir.resolve("gone").resolve("a.jsonl"));
        // WHEN opened  THEN refused, naming the exception the file system gave
        assertThatThrownBy(() -> Launch.openAlertFile(alerts))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("ALERT_FILE '" + alerts + "' cannot be opened for appending: NoSuchFileException");
    }

    @Test
    void shouldNameConfigFileWhenTheFileItNamesIsMissing() {
        // GIVEN CONFIG_FILE naming a missing file, and no --config
        Map<String, String> environment = Map.of("CONFIG_FILE", dir.resolve("gone.properties").toString());
        // WHEN prepared  THEN the message names CONFIG_FILE, not --config
        assertThatThrownBy(() -> Launch.prepare(CommandLine.parse(), environment))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("CONFIG_FILE '" + dir.resolve("gone.properties") + "': no such file");
    }

    @Test
    void shouldOpenNoAlertFileWhenAnotherSettingIsBad() {
        // GIVEN an alert file and a bad value
        Path alerts = dir.resolve("alerts.jsonl");
        Map<String, String> environment = Map.of("STREAM_ARN", ARN, "ALERT_FILE", alerts.toString(), "TOP_KEYS", "0");
        // WHEN prepared  THEN refused before the file is created
        assertThatThrownBy(() -> Launch.prepare(CommandLine.parse(), environment))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("TOP_KEYS");
        assertThat(alerts).doesNotExist();
    }
}
