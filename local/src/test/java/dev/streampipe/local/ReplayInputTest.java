package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** {@code replay} of files that are not stream events, and of output that cannot be written. */
class ReplayInputTest {
    private static final String EMPTY_EVENT = "{\"Records\":[]}";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int replay(Path... files) {
        return Replay.run(List.of(files), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary", "text", "list", "no-records", "empty"})
    void shouldNameTheFileOnOneLineWhenItIsNoStreamEvent(String kind) throws IOException {
        // GIVEN a file that is no DynamoDB stream event at all, and a good one after it
        Path bad = dir.resolve(kind + ".json");
        Files.write(bad, switch (kind) {
            case "binary" -> new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff};
            case "text" -> "not json\n".getBytes(StandardCharsets.UTF_8);
            case "list" -> "[1, 2]".getBytes(StandardCharsets.UTF_8);
            case "no-records" -> "{\"Items\":[]}".getBytes(StandardCharsets.UTF_8);
            default -> new byte[0];
        });
        Path good = Files.writeString(dir.resolve("good.json"), EMPTY_EVENT);

        // WHEN both are replayed
        int exit = replay(bad, good);

        // THEN exit 2; one error line names the file; no trace anywhere; the good file is still replayed
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(StreampipeLocal.EXIT_BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: event file '" + bad
                + "' is not a DynamoDB stream event: ").hasLineCount(1);
        assertThat(printed).doesNotContain(bad.toString(), "stack_trace", "\tat ", "function error")
                .contains("== " + good, "response: {\"batchItemFailures\":[]}");
    }

    @Test
    void shouldRefuseEveryFileBeforeReplayingAnyWhenOneIsMissingOrAFolder() throws IOException {
        Path good = Files.writeString(dir.resolve("good.json"), EMPTY_EVENT);

        assertThatThrownBy(() -> Replay.files(List.of(good.toString(), dir.resolve("none.json").toString()), dir))
                .isInstanceOf(BadInputException.class).hasMessage("event file '" + dir.resolve("none.json")
                        + "': no such file");
        assertThatThrownBy(() -> Replay.files(List.of(dir.toString()), dir))
                .hasMessage("event file '" + dir + "' is a directory, not a file");
        assertThatThrownBy(() -> Replay.files(List.of("--verbose"), dir))
                .hasMessageStartingWith("replay has no option '--verbose'");
    }

    @Test
    void shouldSayWhereItLookedWhenNoFileIsNamedAndThereIsNoEventsFolder() {
        assertThatThrownBy(() -> Replay.files(List.of(), dir.resolve("events")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("there is no folder " + dir.resolve("events").toAbsolutePath());
    }

    @Test
    void shouldPickOnlyStreamEventsWhenNoFileIsNamed() throws IOException {
        // GIVEN a folder with an event, a JSON file without Records, and a file that is not UTF-8
        Files.writeString(dir.resolve("b.json"), EMPTY_EVENT);
        Files.writeString(dir.resolve("a.json"), "{\"queueUrl\":\"x\"}");
        Files.write(dir.resolve("c.json"), new byte[] {(byte) 0xff, (byte) 0xfe, '"', 'R'});

        // WHEN replay looks for events THEN it takes the event only, and does not trip over the others
        assertThat(Replay.files(List.of(), dir)).containsExactly(dir.resolve("b.json"));
    }

    @Test
    void shouldStopWithTheReasonWhenTheOutputCannotBeWritten() throws IOException {
        // GIVEN an output on a full disk
        Path event = Files.writeString(dir.resolve("e.json"), EMPTY_EVENT);
        PrintStream full = StandardOutput.open(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        });

        // WHEN an event is replayed there THEN it fails naming what was lost and why
        assertThatThrownBy(() -> Replay.run(List.of(event, event), full, System.err))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("cannot write the replay of '" + event + "' to the standard output: No space left on "
                        + "device");
    }
}
