package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short version of the main job, end to end on moto: template.yaml's resources, the router with its real SDK
 * sinks behind the mapping emulator, the summary function behind the Lambda Invoke API, the KCL monitor. The run's
 * own checks, which read back what the services hold, must all pass.
 */
class LocalPipelineIT {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final Path EVENTS = Path.of("..", "events");

    @TempDir
    Path out;

    @Test
    void shouldReconcileWhatEveryServiceHoldsWhenTheShortPipelineRuns() throws Exception {
        // GIVEN a 15 s load: 30 cold sessions, one hot session well above the local threshold; 5% of Firehose
        // records failed (the default 1% may fail none of the few hundred packed records a short run sends)
        RunOptions options = RunOptions.defaults().withTemplate(TEMPLATE).withDuration(Duration.ofSeconds(15))
                .withOut(out).withSessions(30).withSinkFailureRate(0.05);
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        // WHEN the pipeline runs
        int exit = new LocalPipeline().run(options, new PrintStream(console, true, StandardCharsets.UTF_8),
                KclHotKeyWatch::start);

        // THEN every check passed and the exit code says so
        String report = Files.readString(out.resolve("report.txt"));
        System.out.println(console.toString(StandardCharsets.UTF_8));
        assertThat(report).doesNotContain("[FAIL]").contains("result: PASSED");
        assertThat(exit).isZero();
        assertThat(report).contains("[PASS] every stream record reached analytics (S3)",
                "[PASS] every stream record reached audit",
                "[PASS] each queue holds exactly what its filter policy selects, once",
                "[PASS] each status rule delivered exactly its changes, once",
                "[PASS] a summary for every closed window", "[PASS] nothing given up, or every given-up range redriven",
                "[PASS] the hot key alerted", "[PASS] no cold key alerted",
                "[PASS] the client detector saw the hot session's reads",
                "[PASS] active sessions by status in the state table equal the table's META items",
                "[PASS] handoffs per reason per 5-minute window in the state table equal the stream's",
                "throughput advice for the session table", "\"capacity_mode\"", "\"confidence\"");
        // AND records were failed on purpose, reported, and redelivered (the retry path ran on the wire)
        assertThat(count(report, "Firehose entries failed on purpose")).isPositive();
        assertThat(count(report, "records redelivered / bisections / to on-failure")).isPositive();
        // AND the console named what moto holds and where the logs went
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("AWS::SNS::Subscription",
                "AgentDashboardSubscription", "CustomerNotificationsSubscription", "EscalationsSubscription",
                "HandoffStatusRule", "DisconnectedStatusRule", "moto.log");
        assertThat(out.resolve("moto.log")).content().contains("POST /");
        // AND the only alert is the hot session going HOT
        List<String> alerts = Files.readAllLines(out.resolve("hot-key-alerts.ndjson")).stream()
                .filter(l -> l.contains("\"HOT\"")).toList();
        assertThat(alerts).isNotEmpty().allSatisfy(a -> assertThat(a).contains("SESSION#hot-0001"));
        assertThat(out.resolve("report.html")).content().contains("<svg", "SESSION#hot-0001", "threshold");
    }

    /** The first number after a report label. */
    private static long count(String report, String label) {
        String line = report.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow();
        return Long.parseLong(line.substring(label.length()).trim().split("[ /]+")[0]);
    }

    @Test
    void shouldExitWithTwoAndTheInstallCommandWhenMotoIsMissing() throws Exception {
        // GIVEN the CLI in a child JVM whose Python does not exist
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StreampipeLocal.class.getName(), "run",
                "--template", TEMPLATE.toString(), "--out", out.toString()).redirectErrorStream(true);
        builder.environment().put("STREAMPIPE_PYTHON", out.resolve("no-python3").toString());

        // WHEN it runs
        Process process = builder.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // THEN it stops at once with exit code 2 and says how to install moto
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isEqualTo(2);
        assertThat(printed).contains("python3 -m pip install 'moto[server]>=5.1'");
    }

    @Test
    void shouldPrintEachSinkAndTheResponseWhenReplayingSampleEvents() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        int exit = Replay.run(List.of(EVENTS.resolve("handoff-insert.json"),
                EVENTS.resolve("batch-with-malformed-record.json")), new PrintStream(console, true, StandardCharsets.UTF_8),
                System.err);

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains("sink handoffs: 1 message(s)", "\"event_type\":\"handoff\"",
                "sink dead-letters: 1 message(s)", "Records[3].dynamodb.Keys", "response: {\"batchItemFailures\":[]}");
    }
}
