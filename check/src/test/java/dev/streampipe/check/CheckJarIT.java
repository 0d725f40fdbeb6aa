package dev.streampipe.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar check/target/check.jar} as a user runs it, on the repository's template: its own process, its
 * exit code, what it prints. Runs after {@code package} (failsafe), which builds the jar and its {@code lib/}.
 */
class CheckJarIT {
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Path root() {
        return Path.of(System.getProperty("streampipe.root", "..")).toAbsolutePath().normalize();
    }

    private Run java(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("streampipe.checkJar", "target/check.jar")).toAbsolutePath();
        assertThat(jar).as("the jar built by package").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(root().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("check.jar ended").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void shouldExitZeroListingTheReadersWhenTheRepositoryTemplatePassesFailOnMedium() throws Exception {
        // GIVEN the repository's template.yaml, run from the repository root as docs/check.md shows

        // WHEN
        Run run = java("template.yaml", "--fail-on", "medium");

        // THEN
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                check template.yaml: 2 stream reader(s)
                  stream mapping RouterFunction.SessionStream -> table SessionTable (!GetAtt SessionTable.StreamArn)
                  service MonitorService -> table SessionTable (!GetAtt SessionTable.StreamArn)
                0 finding(s): 0 info, 0 low, 0 medium, 0 high
                """);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldExitOneNamingTheFindingWhenAWriterThresholdOfOneMakesTheRepositoryTemplateFail() throws Exception {
        // GIVEN a config that allows one writer per table, and the repository's template
        Path config = Files.writeString(dir.resolve("check.yaml"), "writerThreshold: 1\n", StandardCharsets.UTF_8);

        // WHEN
        Run run = java("template.yaml", "--config", config.toString(), "--fail-on", "medium");

        // THEN
        assertThat(run.code()).as(run.err()).isEqualTo(CheckCommand.EXIT_FINDINGS);
        assertThat(run.out()).contains("MEDIUM table-writers-over-threshold [SessionTable, SummaryFunction]\n"
                + "       table SessionTable may be written by 1 functions or roles [SummaryFunction] (threshold 1)");
    }

    @Test
    void shouldExitTwoWithOneErrorLineWhenTheTemplateIsMissing() throws Exception {
        // WHEN
        Run run = java("no-such-template.yaml");

        // THEN
        assertThat(run.code()).isEqualTo(CheckCommand.EXIT_BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: no such template file: no-such-template.yaml\n");
    }
}
