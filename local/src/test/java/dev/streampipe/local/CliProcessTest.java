package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it, in a child JVM: what reaches the terminal and the exit code. */
class CliProcessTest {
    private static final File FULL = new File("/dev/full");

    @TempDir
    Path dir;

    /** What a child run left: exit code and error stream. */
    record Ran(int exit, String err) {
    }

    private Ran cli(File stdout, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), StreampipeLocal.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(stdout)
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ended").isTrue();
        return new Ran(process.exitValue(), Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void shouldExitWithThreeAndTheReasonWhenReplayOutputGoesToAFullDisk() throws Exception {
        // GIVEN a stream event, and standard output redirected to /dev/full
        assumeThat(FULL.canWrite()).as("/dev/full exists here").isTrue();
        Path event = Files.writeString(dir.resolve("event.json"), "{\"Records\":[]}");

        // WHEN replay runs
        Ran ran = cli(FULL, Map.of(), "replay", event.toString());

        // THEN exit 3 (not 0 over nothing written) with the operating system's reason, and no trace
        assertThat(ran.exit()).as(ran.err()).isEqualTo(StreampipeLocal.EXIT_ENVIRONMENT);
        assertThat(ran.err()).isEqualTo("error: cannot write the replay of '" + event + "' to the standard output: "
                + "No space left on device\n");
    }

    @Test
    void shouldStopAtOnceAndCreateNothingWhenRunHasNegativeSessions() throws Exception {
        // GIVEN run with --sessions -5 (it used to start moto and create every resource, then fail after 38 s)
        Path template = Templates.minimal(dir);
        long start = System.nanoTime();

        // WHEN it runs
        Ran ran = cli(dir.resolve("stdout.txt").toFile(), Map.of(), "run", "--template", template.toString(),
                "--sessions", "-5");

        // THEN exit 2 at once, the flag and value named, and no output folder (nor log file) made
        assertThat(ran.exit()).isEqualTo(StreampipeLocal.EXIT_BAD_INPUT);
        assertThat(ran.err()).startsWith("error: --sessions must be a whole number from 1 to 100000, was '-5'\n");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
        assertThat(dir.resolve("streampipe-out")).doesNotExist();
    }

    @Test
    void shouldSayThereIsNoRegionOnOneLineWhenNoneIsConfigured() throws Exception {
        // GIVEN an environment without region, profile or instance metadata
        Map<String, String> noRegion = Map.of("AWS_REGION", "", "AWS_DEFAULT_REGION", "",
                "AWS_CONFIG_FILE", dir.resolve("none").toString(), "AWS_EC2_METADATA_DISABLED", "true");

        // WHEN redrive runs
        Ran ran = cli(dir.resolve("stdout.txt").toFile(), noRegion, "redrive", "--queue-url",
                "http://127.0.0.1:1/123456789012/q", "--function", "router", "--endpoint", "http://127.0.0.1:1");

        // THEN exit 2 (not 1, which means kept ranges), one line, no trace, no stray log folder
        assertThat(ran.exit()).as(ran.err()).isEqualTo(StreampipeLocal.EXIT_BAD_INPUT);
        assertThat(ran.err()).startsWith("error: no AWS region configured").hasLineCount(1);
        assertThat(dir.resolve("streampipe-out")).doesNotExist();
    }
}
