package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.emulator.MotoUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The entry point: bad arguments start nothing; each kind of failure has its exit code and one line. */
class StreampipeLocalTest {
    @TempDir
    Path dir;

    private final RecordingCommands commands = new RecordingCommands();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return run(new PrintStream(out, true, StandardCharsets.UTF_8), args);
    }

    private int run(PrintStream stdout, String... args) {
        return new StreampipeLocal(commands, stdout, new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldStartNothingAndCreateNoFolderWhenSessionsIsNegative() throws IOException {
        // GIVEN run with --sessions -5 and an --out folder that does not exist
        Path out = dir.resolve("out");

        // WHEN it runs
        int exit = run("run", "--template", Templates.minimal(dir).toString(), "--out", out.toString(), "--sessions",
                "-5");

        // THEN exit 2, one error line naming flag and value, the usage, and nothing started or created
        assertThat(exit).isEqualTo(StreampipeLocal.EXIT_BAD_INPUT);
        assertThat(err()).isEqualTo("error: --sessions must be a whole number from 1 to 100000, was '-5'\n"
                + "usage: streampipe-local " + RunOptions.USAGE + "\n");
        assertThat(commands.started).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldStartTheRunWithTheOptionsReadWhenEveryArgumentIsValid() throws IOException {
        // GIVEN valid arguments
        Path template = Templates.minimal(dir);

        // WHEN run runs
        int exit = run("run", "--template", template.toString(), "--sessions", "3", "--duration", "2m");

        // THEN the run is started once, with them
        assertThat(exit).isZero();
        assertThat(commands.started).singleElement().isInstanceOfSatisfying(RunOptions.class, o -> {
            assertThat(o.coldSessions()).isEqualTo(3);
            assertThat(o.template()).isEqualTo(template);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"redrive --max-retries abc --queue-url https://h/1/q --function f",
        "redrive --queue-url https://h/1/q --function f --endpoint localhost:4566",
        "replay --json", "run --hot-rate NaN", "run --duration 99999999999999999999s", "run --out", "frobnicate"})
    void shouldExitWithTwoAndOneLineNamingTheProblemWhenArgumentsAreBad(String line) {
        // WHEN a command runs with a bad argument
        int exit = run(line.split(" "));

        // THEN exit 2, an error line (the usage under it for a command's arguments), no trace, nothing started
        assertThat(exit).isEqualTo(StreampipeLocal.EXIT_BAD_INPUT);
        assertThat(err()).startsWith("error: ").doesNotContain("\tat ", "Exception");
        assertThat(err().lines().count()).isLessThanOrEqualTo(2);
        assertThat(commands.started).isEmpty();
    }

    @Test
    void shouldExitWithThreeAndNameTheStandardOutputWhenItCannotBeWritten() throws IOException {
        // GIVEN a standard output on a full disk
        PrintStream full = StandardOutput.open(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        });
        commands.prints = "redrive: 1 on-failure message(s), 1 redriven (3 record(s)), 0 kept";

        // WHEN redrive writes its summary there
        int exit = run(full, "redrive", "--queue-url", "https://h/1/q", "--function", "f");

        // THEN exit 3 and the reason, not 0 over a summary nobody got
        assertThat(exit).isEqualTo(StreampipeLocal.EXIT_ENVIRONMENT);
        assertThat(err()).isEqualTo("error: cannot write the output of redrive to the standard output: "
                + "No space left on device\n");
    }

    @Test
    void shouldMapEachFailureToItsExitCodeWhenTheCommandThrows() throws IOException {
        String[] replay = {"replay", Files.writeString(dir.resolve("e.json"), "{}").toString()};

        commands.failure = new EnvironmentException("cannot reach AWS at http://127.0.0.1:1 (region x): refused");
        assertThat(run(replay)).isEqualTo(StreampipeLocal.EXIT_ENVIRONMENT);
        commands.failure = new BadInputException("no AWS region configured");
        assertThat(run(replay)).isEqualTo(StreampipeLocal.EXIT_BAD_INPUT);
        commands.failure = new MotoUnavailableException("moto is missing: python3 -m pip install 'moto[server]'");
        assertThat(run(replay)).isEqualTo(StreampipeLocal.EXIT_BAD_INPUT);
        assertThat(err()).isEqualTo("error: cannot reach AWS at http://127.0.0.1:1 (region x): refused\n"
                + "error: no AWS region configured\n" + "error: moto is missing: python3 -m pip install 'moto[server]'\n");
    }

    @Test
    void shouldPrintTheTraceAndExitWithFourWhenTheFailureIsABug() throws IOException {
        // GIVEN a command that fails with an exception no user input explains
        commands.failure = new IllegalStateException("a bug");

        // WHEN it runs
        int exit = run("replay", Files.writeString(dir.resolve("e.json"), "{}").toString());

        // THEN exit 4 (never 1, which means a failed result), with the trace for the report
        assertThat(exit).isEqualTo(StreampipeLocal.EXIT_INTERNAL);
        assertThat(err()).startsWith("error: unexpected failure of 'replay', a bug in streampipe")
                .contains("java.lang.IllegalStateException: a bug", "\tat ");
    }

    @Test
    void shouldPassCheckItsArgumentsAsTheyAreWhenCheckRuns() {
        // WHEN check runs with arguments StreampipeLocal does not read
        commands.exit = 1;
        int exit = run("check", "t.yaml", "--format", "sarif");

        // THEN CheckCommand gets them as given and its exit code is the process's
        assertThat(exit).isEqualTo(1);
        assertThat(commands.started).containsExactly(List.of("t.yaml", "--format", "sarif"));
    }

    @Test
    void shouldPrintTheUsageWhenThereIsNoCommandOrHelpIsAsked() {
        assertThat(run()).isEqualTo(StreampipeLocal.EXIT_BAD_INPUT);
        assertThat(err()).contains(RunOptions.USAGE, Replay.USAGE, RedriveOptions.USAGE, "check TEMPLATE");
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(RunOptions.USAGE);
    }
}
