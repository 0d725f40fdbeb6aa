package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short version of the main job, end to end: DynamoDB Local, the mapping emulator and the real router, the real
 * summary function, the KCL monitor. The run's own checks must all pass, and the output files must agree with them.
 */
class LocalPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void shouldReconcileEveryCountWhenTheShortPipelineRuns() throws Exception {
        // GIVEN a 12 s load: 30 cold sessions, one hot session well above the local threshold
        RunOptions options = RunOptions.defaults().withDuration(Duration.ofSeconds(12)).withOut(out)
                .withSessions(30).withRates(30, 120);
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        // WHEN the pipeline runs
        int exit = new LocalPipeline().run(options, new PrintStream(console, true, StandardCharsets.UTF_8),
                KclHotKeyWatch::start);

        // THEN every check passed and the exit code says so
        String report = Files.readString(out.resolve("report.txt"));
        System.out.println(report);
        assertThat(report).doesNotContain("[FAIL]").contains("result: PASSED");
        assertThat(exit).isZero();
        assertThat(report).contains("[PASS] every stream record reached analytics", "[PASS] each handoff paged exactly once",
                "[PASS] a summary for every closed window", "[PASS] the hot key alerted", "[PASS] no cold key alerted");

        // AND a redelivered record reached analytics again with the same event id and sequence number
        Map<String, String> sequenceByEventId = new HashMap<>();
        long lines = 0;
        for (String line : Files.readAllLines(out.resolve("firehose-analytics.ndjson"))) {
            JsonNode n = JSON.readTree(line);
            String previous = sequenceByEventId.putIfAbsent(n.get("eventId").asText(), n.get("sequenceNumber").asText());
            assertThat(previous == null || previous.equals(n.get("sequenceNumber").asText())).isTrue();
            assertThat(n.get("body").get("event_id").asText()).isEqualTo(n.get("eventId").asText());
            lines++;
        }
        assertThat(lines).isGreaterThan(sequenceByEventId.size());

        // AND the only alert is the hot session going HOT
        List<String> alerts = Files.readAllLines(out.resolve("hot-key-alerts.ndjson")).stream()
                .filter(l -> l.contains("\"HOT\"")).toList();
        assertThat(alerts).isNotEmpty().allSatisfy(a -> assertThat(a).contains("SESSION#hot-0001"));
        assertThat(out.resolve("report.html")).content().contains("<svg", "SESSION#hot-0001", "threshold");
    }

    @Test
    void shouldPrintEachSinkAndTheResponseWhenReplayingSampleEvents() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path events = dev.streampipe.testing.PipelineTestDriver.eventsDir();

        int exit = Replay.run(List.of(events.resolve("handoff-insert.json"),
                events.resolve("batch-with-malformed-record.json")), new PrintStream(console, true, StandardCharsets.UTF_8));

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains("sink handoffs: 1 message(s)", "\"event_type\":\"handoff\"",
                "sink dead-letters: 1 message(s)", "Records[3].dynamodb.Keys", "response: {\"batchItemFailures\":[]}");
    }
}
