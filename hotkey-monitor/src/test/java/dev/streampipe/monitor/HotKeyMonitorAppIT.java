package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.testing.moto.MotoExtension;
import dev.streampipe.testing.ddb.SessionTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as an operator runs it: configured by a properties file plus the environment,
 * against DynamoDB Local, alerting to a file, stopped with SIGTERM.
 */
class HotKeyMonitorAppIT {

    @RegisterExtension
    static final MotoExtension DDB = new MotoExtension();

    private static final Path JAR = Path.of("target", "hotkey-monitor.jar");

    @Test
    void shouldAlertToTheFileAndStopGracefullyWhenTheJarRunsAgainstDynamoDbLocalAndGetsSigterm(@TempDir Path dir)
            throws Exception {
        // GIVEN the jar configured by a file (threshold 500) overridden by the environment (threshold 20)
        SessionTable table = DDB.createSessionTable();
        Path alerts = dir.resolve("alerts.jsonl");
        Path config = dir.resolve("monitor.properties");
        Files.writeString(config, String.join("\n",
                "STREAM_ARN=" + table.streamArn().replace(":", "\\:"),
                "APPLICATION_NAME=app-" + table.name(),
                "HOT_KEY_WCU_PER_SECOND=500",
                "INITIAL_POSITION=TRIM_HORIZON",
                "IDLE_TIME_BETWEEN_READS_MILLIS=50",
                "FAILOVER_TIME_MILLIS=2000",
                "CHECKPOINT_INTERVAL_MILLIS=600000", // only the SIGTERM checkpoint can store progress
                "ALERT_FILE=" + alerts.toString().replace("\\", "\\\\")), StandardCharsets.UTF_8);
        Path log = dir.resolve("monitor.log");
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOT_KEY_WCU_PER_SECOND", "20");
        builder.environment().put("DYNAMODB_ENDPOINT", DDB.server().endpoint().toString());
        Process process = builder.start();
        try {
            TableWriter writer = new TableWriter(DDB.client(), table.name());
            // WHEN a key is written at ~100 WCU/s
            Pacer.run(100, Duration.ofSeconds(3), n -> writer.putTurn("hot", n));
            Await.until("an alert line", Duration.ofSeconds(25), () -> lines(alerts).size() >= 1);
            // THEN the env threshold applied and the alert is in the file
            JsonNode alert = new ObjectMapper().readTree(lines(alerts).get(0));
            assertThat(alert.get("alert").asText()).isEqualTo("HOT");
            assertThat(alert.get("key").asText()).isEqualTo("SESSION#hot");
            assertThat(alert.get("thresholdWcuPerSecond").asDouble()).isEqualTo(20);
            // WHEN it gets SIGTERM
            process.destroy();
            // THEN it checkpoints, stops cleanly and exits with the JVM's SIGTERM status
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(output).contains("monitor stopped clean=true");
            assertThat(output).contains("checkpointed on shutdown");
            assertThat(process.exitValue()).isEqualTo(128 + 15);
        } finally {
            process.destroyForcibly();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
