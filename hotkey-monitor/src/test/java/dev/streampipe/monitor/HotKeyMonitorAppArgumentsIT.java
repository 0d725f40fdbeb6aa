package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar given bad arguments and settings, as an operator would: exit status 2 and one line on stderr
 * naming the setting and value, no stack trace, nothing started; a loopback endpoint nobody listens on: exit
 * status 1 and one line. No emulator needed.
 */
class HotKeyMonitorAppArgumentsIT {

    private static final Path JAR = Path.of("target", "hotkey-monitor.jar");
    private static final String ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/sessions/stream/2026-01-01T00:00:00.000";

    @TempDir
    Path dir;

    record Run(int status, List<String> err, String out) {
    }

    @Test
    void shouldExitTwoWithOneLineNamingTheProblemWhenAnArgumentOrConfigFileIsBad() throws Exception {
        // GIVEN a binary file, a directory and a missing file
        Path binary = Files.write(dir.resolve("binary.properties"), new byte[] {(byte) 0xFF, (byte) 0xFE, 'A', 0});
        // WHEN the jar runs with each  THEN it exits 2 with one line naming the argument or file
        assertBadInput(run(Map.of(), "--config"), "hotkey-monitor: --config needs a file path after it; usage:");
        assertBadInput(run(Map.of(), "--config", dir.resolve("missing").toString()),
                "hotkey-monitor: --config '" + dir.resolve("missing") + "': no such file");
        assertBadInput(run(Map.of(), "--config", dir.toString()),
                "hotkey-monitor: --config '" + dir + "' is a directory, not a properties file");
        assertBadInput(run(Map.of(), "--config", binary.toString()),
                "hotkey-monitor: --config '" + binary + "' is not UTF-8 text");
        assertBadInput(run(Map.of(), "--verbose"), "hotkey-monitor: unknown argument '--verbose'; usage:");
    }

    @Test
    void shouldExitTwoNamingEachValueAndCreateNothingWhenSettingsAreBad() throws Exception {
        // GIVEN a config file with a 23-digit threshold, an alert file, and a malformed endpoint
        Path alerts = dir.resolve("alerts.jsonl");
        Path config = Files.writeString(dir.resolve("monitor.properties"), String.join("\n",
                "STREAM_ARN=" + ARN.replace(":", "\\:"),
                "HOT_KEY_WCU_PER_SECOND=99999999999999999999999",
                "ALERT_FILE=" + alerts.toString().replace("\\", "\\\\")), StandardCharsets.UTF_8);
        // WHEN the jar runs
        Run run = run(Map.of("DYNAMODB_ENDPOINT", "http://bad host:x"), "--config", config.toString());
        // THEN one line names both values as written and the rules; the alert file was not created
        assertBadInput(run, "hotkey-monitor: invalid monitor configuration: HOT_KEY_WCU_PER_SECOND must be a number "
                + "in (0, 1000000] or * for unlimited, was '99999999999999999999999'; DYNAMODB_ENDPOINT must be an "
                + "emulator's http(s) URL such as http://127.0.0.1:5000, was 'http://bad host:x'");
        assertThat(alerts).doesNotExist();
    }

    @Test
    void shouldExitTwoBeforeAnyClientWhenTheAlertFileCannotBeWritten() throws Exception {
        // GIVEN an alert file whose "directory" is a regular file
        Path plain = Files.createFile(dir.resolve("plain"));
        // WHEN the jar runs
        Run run = run(Map.of("STREAM_ARN", ARN, "ALERT_FILE", plain.resolve("alerts.jsonl").toString(),
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:1"));
        // THEN exit 2 naming ALERT_FILE, and no client was built (the emulator-mode line is logged once they are)
        assertBadInput(run, "hotkey-monitor: ALERT_FILE '" + plain.resolve("alerts.jsonl") + "': '" + plain
                + "' is not a directory");
        assertThat(run.out()).doesNotContain("emulator_mode");
    }

    @Test
    void shouldPrintTheUsageAndExitZeroWhenAskedForHelp() throws Exception {
        Run run = run(Map.of(), "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith(CommandLine.USAGE);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldExitOneWithOneLineWhenTheEndpointDoesNotAnswer() throws Exception {
        // GIVEN a valid configuration naming a loopback port nobody listens on
        // WHEN the jar runs (the SDK retries for a few seconds)
        Run run = run(Map.of("STREAM_ARN", ARN, "DYNAMODB_ENDPOINT", "http://127.0.0.1:1"));
        // THEN it cannot start: exit 1, one line with the cause, no stack trace
        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).singleElement().asString().startsWith("hotkey-monitor: cannot start: ")
                .contains("(caused by ").hasSizeLessThan(500);
        assertThat(run.out()).doesNotContain("\tat ");
    }

    private static void assertBadInput(Run run, String message) {
        assertThat(run.status()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).singleElement().asString().startsWith(message);
        assertThat(run.out()).doesNotContain("Exception", "\tat ");
    }

    private Run run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().keySet().removeIf(key -> MonitorSettings.KEYS.contains(key) || key.equals("CONFIG_FILE"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the jar ends").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), Files.readAllLines(dir.resolve("err.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8));
    }
}
