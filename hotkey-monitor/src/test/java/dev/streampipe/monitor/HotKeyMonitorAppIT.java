package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.testing.ddb.SessionTable;
import dev.streampipe.testing.moto.MotoExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The shaded jar as an operator runs it: configured by a properties file plus the environment,
 * against moto ({@code DYNAMODB_ENDPOINT}), alerting to a file and to an SNS topic on moto (read back
 * through a subscribed SQS queue), stopped with SIGTERM.
 */
class HotKeyMonitorAppIT {

    @RegisterExtension
    static final MotoExtension MOTO = new MotoExtension();

    private static final Path JAR = Path.of("target", "hotkey-monitor.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldAlertToTheFileAndTheTopicAndStopGracefullyWhenTheJarRunsAgainstMotoAndGetsSigterm(@TempDir Path dir)
            throws Exception {
        // GIVEN an alert topic on moto with a queue subscribed, and the jar configured by a file
        // (threshold 500) overridden by the environment (threshold 20, the emulator's endpoint, the topic)
        SessionTable table = MOTO.createSessionTable();
        try (SnsClient sns = MOTO.server().configure(SnsClient.builder())
                     .httpClient(UrlConnectionHttpClient.create()).build();
             SqsClient sqs = MOTO.server().configure(SqsClient.builder())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            String topicArn = sns.createTopic(b -> b.name("hot-keys-" + table.name())).topicArn();
            String queueUrl = sqs.createQueue(b -> b.queueName("alerts-" + table.name())).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));

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
            builder.environment().put("DYNAMODB_ENDPOINT", MOTO.server().endpoint().toString());
            builder.environment().put("ALERT_TOPIC_ARN", topicArn);
            long t0 = System.nanoTime();
            Process process = builder.start();
            try {
                TableWriter writer = new TableWriter(MOTO.client(), table.name());
                // WHEN a key is written at ~60 WCU/s for 3 s
                Pacer.run(60, Duration.ofSeconds(3), n -> writer.putTurn("hot", n));
                Await.until("an alert line", Duration.ofSeconds(25), () -> lines(alerts).size() >= 1);
                System.out.printf("jar start -> first alert line: %d ms%n", (System.nanoTime() - t0) / 1_000_000);

                // THEN the env threshold applied and the alert is in the file
                JsonNode alert = JSON.readTree(lines(alerts).get(0));
                assertThat(alert.get("alert").asText()).isEqualTo("HOT");
                assertThat(alert.get("key").asText()).isEqualTo("SESSION#hot");
                assertThat(alert.get("thresholdWcuPerSecond").asDouble()).isEqualTo(20);
                // AND the same alert reached the topic: the subscribed queue holds SNS's envelope of it
                List<Message> received = new ArrayList<>();
                Await.until("the alert in the queue", Duration.ofSeconds(10), () -> {
                    received.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages());
                    return !received.isEmpty();
                });
                JsonNode envelope = JSON.readTree(received.get(0).body());
                assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
                JsonNode published = JSON.readTree(envelope.get("Message").asText());
                assertThat(published.get("alert").asText()).isEqualTo("HOT");
                assertThat(published.get("key").asText()).isEqualTo("SESSION#hot");
                assertThat(attributes(envelope.get("MessageAttributes"))).containsEntry("event_type", "hot_key_alert")
                        .containsEntry("state", "HOT").containsEntry("table", table.name());

                // WHEN it gets SIGTERM
                process.destroy();
                // THEN it checkpoints, stops cleanly and exits with the JVM's SIGTERM status; it never called CloudWatch
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                String output = Files.readString(log, StandardCharsets.UTF_8);
                System.out.println(output);
                // ... logging one JSON object per line in the common shape (timestamp, level, logger, kind, message)
                List<JsonNode> lines = new ArrayList<>();
                for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
                    lines.add(JSON.readTree(line));
                }
                assertThat(lines).isNotEmpty().allSatisfy(n -> assertThat(n.has("timestamp") && n.has("level")
                        && n.has("logger") && n.has("kind") && n.has("message")).as(n.toString()).isTrue());
                assertThat(lines).anySatisfy(n -> {
                    assertThat(n.path("kind").asText()).isEqualTo("monitor_stopped");
                    assertThat(n.path("clean").asBoolean()).isTrue();
                });
                assertThat(output).contains("checkpointed on shutdown");
                assertThat(output).contains("no CloudWatch metrics");
                assertThat(output).doesNotContainIgnoringCase("PutMetricData");
                assertThat(process.exitValue()).isEqualTo(128 + 15);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static Map<String, String> attributes(JsonNode messageAttributes) {
        Map<String, String> values = new LinkedHashMap<>();
        messageAttributes.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().get("Value").asText()));
        return values;
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
