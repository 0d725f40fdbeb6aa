package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code run}'s arguments: every value and file is checked by {@link RunOptions#parse}, which creates nothing. */
class RunOptionsTest {
    @TempDir
    Path dir;

    private List<String> args(String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--template", Templates.minimal(dir).toString()));
        args.addAll(Arrays.asList(more));
        return args;
    }

    @Test
    void shouldReadEveryOptionWhenAllAreValid() throws IOException {
        // GIVEN every option with a valid value, --out a folder that does not exist yet
        Path out = dir.resolve("a").resolve("b");

        // WHEN they are read
        RunOptions o = RunOptions.parse(args("--duration", "90s", "--sessions", "12", "--cold-rate", "7.5",
                "--hot-rate", "60", "--out", out.toString()));

        // THEN each is taken, and the folder is still not there
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.coldSessions()).isEqualTo(12);
        assertThat(o.coldWritesPerSecond()).isEqualTo(7.5);
        assertThat(o.hotWritesPerSecond()).isEqualTo(60);
        assertThat(o.out()).isEqualTo(out);
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--sessions|-5|--sessions must be a whole number from 1 to 100000, was '-5'",
        "--sessions|0|--sessions must be a whole number from 1 to 100000, was '0'",
        "--sessions|100001|--sessions must be a whole number from 1 to 100000, was '100001'",
        "--cold-rate|0|--cold-rate must be a number from 0.1 to 1000 (writes per second), was '0'",
        "--cold-rate|NaN|--cold-rate must be a number from 0.1 to 1000 (writes per second), was 'NaN'",
        "--hot-rate|-3|--hot-rate must be a number from 0.1 to 1000 (writes per second), was '-3'",
        "--hot-rate|1e308|--hot-rate must be a number from 0.1 to 1000 (writes per second), was '1e308'",
        "--duration|0|--duration must be a duration from 1s to 24h such as 30s, 2m or 1500ms, was '0'",
        "--duration|99999999999999999999s|--duration must be a duration from 1s to 24h such as 30s, 2m or 1500ms, "
            + "was '99999999999999999999s'",
        "--duration|soon|--duration must be a duration from 1s to 24h such as 30s, 2m or 1500ms, was 'soon'"})
    void shouldNameFlagAndValueWhenANumberIsOutOfRange(String flag, String value, String message) {
        assertThatThrownBy(() -> RunOptions.parse(args(flag, value))).isInstanceOf(BadInputException.class)
                .hasMessage(message);
    }

    @Test
    void shouldRefuseOutWhenItIsAFileOrUnderOne() throws IOException {
        // GIVEN a plain file
        Path file = Files.writeString(dir.resolve("file"), "x");

        // WHEN --out is the file, or a folder under it THEN both are refused, naming the file
        assertThatThrownBy(() -> RunOptions.parse(args("--out", file.toString()))).isInstanceOf(BadInputException.class)
                .hasMessage("--out '" + file + "': '" + file.toAbsolutePath() + "' is not a folder");
        assertThatThrownBy(() -> RunOptions.parse(args("--out", file.resolve("sub").toString())))
                .hasMessageContaining("is not a folder (so '" + file.resolve("sub") + "' cannot be created in it)");
    }

    @Test
    void shouldRefuseOutWhenTheFolderCannotBeWritten() throws IOException {
        // GIVEN a folder without write permission (root writes anyway: then there is nothing to test)
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeThat(Files.isWritable(locked)).as("running as a user the permissions bind").isFalse();

        // WHEN --out is in it THEN it is refused, naming the folder
        assertThatThrownBy(() -> RunOptions.parse(args("--out", locked.resolve("out").toString())))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cannot be written (permissions)");
    }

    @Test
    void shouldRefuseTheTemplateWhenItIsMissingOrAFolder() {
        assertThatThrownBy(() -> RunOptions.parse(List.of("--template", dir.resolve("none.yaml").toString())))
                .isInstanceOf(BadInputException.class).hasMessageEndingWith("none.yaml': no such file");
        assertThatThrownBy(() -> RunOptions.parse(List.of("--template", dir.toString())))
                .isInstanceOf(BadInputException.class).hasMessageEndingWith("is a directory, not a file");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "binary|is not a template the local run can create: template is not valid YAML",
        "list|is not a template the local run can create: template must be a mapping, was ARRAY",
        "no-table|has no resource SessionTable, which the local run uses",
        "condition-off|the condition of SessionTable leaves it out, and the local run uses it",
        "timeout-text|parameter SummaryTimeoutSeconds must be 1..900, was 'ten'",
        "no-partition-key|is not a template the local run can create: parameter PartitionKeyName has no value",
        "nested|is not a template the local run can create: template is not readable: nested deeper than 100 levels",
        "latin-1|is not UTF-8 text"})
    void shouldNameTheProblemWhenTheTemplateCannotBeCreated(String kind, String problem) throws IOException {
        // GIVEN a template damaged one way
        Path template = switch (kind) {
            case "binary" -> Files.write(dir.resolve("t.yaml"), new byte[] {0, 1, 2, 3, 0x7f});
            case "list" -> Templates.write(dir, "t.yaml", "- a\n- b\n");
            case "no-table" -> Templates.write(dir, "t.yaml", Templates.MINIMAL.replace("SessionTable", "Table"));
            case "condition-off" -> Templates.write(dir, "t.yaml", Templates.MINIMAL
                    .replace("SessionTable: {Type:", "SessionTable: {Condition: Never, Type:")
                    + "Conditions:\n  Never: !Equals [a, b]\n");
            case "timeout-text" -> Templates.write(dir, "t.yaml", Templates.MINIMAL.replace("Default: 120",
                    "Default: ten"));
            case "no-partition-key" -> Templates.write(dir, "t.yaml", Templates.MINIMAL.replace(
                    "PartitionKeyName: {Type: String, Default: PK}", "PartitionKeyName: {Type: String}"));
            case "nested" -> Templates.write(dir, "t.yaml", "a: " + "[".repeat(100_000));
            default -> Files.write(dir.resolve("t.yaml"), "Description: caf\u00e9\n".getBytes("ISO-8859-1"));
        };

        // WHEN run's arguments are read THEN the error names --template, the file and the problem
        assertThatThrownBy(() -> RunOptions.parse(List.of("--template", template.toString())))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--template '" + template + "'").hasMessageContaining(problem);
    }
}
