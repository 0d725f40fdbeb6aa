package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's output files: a write that fails is named, with its reason, never passed over. */
class OutputFilesTest {
    private static final Path FULL = Path.of("/dev/full");

    @TempDir
    Path dir;

    @Test
    void shouldNameTheReportWhenItCannotBeWritten() throws IOException {
        // GIVEN an output folder where report.txt is taken by a folder
        try (OutputFiles files = OutputFiles.create(dir)) {
            Files.createDirectory(dir.resolve("report.txt"));

            // WHEN the report is written THEN the failure names the file
            assertThatThrownBy(() -> files.writeReport("result: PASSED")).isInstanceOf(EnvironmentException.class)
                    .hasMessageStartingWith("cannot write '" + dir.resolve("report.txt") + "': ");
        }
    }

    @Test
    void shouldNameTheFolderWhenItCannotBeCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> OutputFiles.create(file.resolve("out"))).isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("cannot write '" + file.resolve("out") + "': ");
    }

    @Test
    void shouldKeepTheFirstFailureWhenALogAppendFailsOnADisk() {
        // GIVEN a log file on a full disk
        assumeThat(Files.isWritable(FULL)).as("/dev/full exists here").isTrue();
        try (NdjsonFile log = new NdjsonFile(FULL)) {

            // WHEN a line is appended THEN the appender is told, and the failure is kept for the end of the run
            assertThatThrownBy(() -> log.append(List.of("{\"a\":1}"))).isInstanceOf(EnvironmentException.class)
                    .hasMessage("cannot write '/dev/full': No space left on device");
            assertThat(log.failure()).get().extracting(Throwable::getMessage).isEqualTo("No space left on device");
        }
    }

    @Test
    void shouldPassWhenEveryLogWasWritten() {
        // GIVEN logs appended to without a failure
        try (OutputFiles files = OutputFiles.create(dir)) {
            files.routerLog.append(List.of("{\"a\":1}"));

            // WHEN the run asks THEN nothing is thrown
            files.requireWritten();
            assertThat(files.routerLog.lines()).isEqualTo(1);
        }
    }
}
