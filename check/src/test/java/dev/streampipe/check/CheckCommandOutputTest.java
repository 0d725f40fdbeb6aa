package dev.streampipe.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report that could not be written is an error (exit 3, a message on the error stream), never a pass. */
class CheckCommandOutputTest {
    private static final Path DEV_FULL = Path.of("/dev/full");

    @TempDir
    Path dir;

    /** Accepts {@code capacity} bytes, then throws as a full disk does. */
    private static final class FullDisk extends OutputStream {
        private int left;

        FullDisk(int capacity) {
            this.left = capacity;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("No space left on device");
            }
        }
    }

    private String template() throws IOException {
        return Files.writeString(dir.resolve("t.yaml"), Templates.CLEAN, StandardCharsets.UTF_8).toString();
    }

    @Test
    void shouldExitThreeNamingTheReportWhenTheOutputFailsPartWay() throws IOException {
        // GIVEN a clean template (exit 0 when written) and an output that takes 100 bytes of the SARIF log
        String template = template();
        StringWriter err = new StringWriter();

        // WHEN
        int code = CheckCommand.run(new String[] {template, "--format", "sarif"},
                new PrintWriter(new FullDisk(100), false, StandardCharsets.UTF_8), new PrintWriter(err));

        // THEN
        assertThat(code).isEqualTo(CheckCommand.EXIT_OUTPUT_ERROR).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("error: could not write the sarif report of " + template
                + " to the output stream (disk full, or the pipe or file closed?); the report is missing or "
                + "incomplete" + System.lineSeparator());
        assertThat(CheckCommand.run(new String[] {template, "--format", "sarif"},
                new PrintWriter(new FullDisk(1 << 20), false, StandardCharsets.UTF_8), new PrintWriter(err))).isZero();
    }

    @Test
    void shouldExitThreeRatherThanOneWhenFindingsCannotBeWritten() throws IOException {
        // GIVEN a template with a high finding: exit 1 if its report were written
        Path broken = Files.writeString(dir.resolve("b.yaml"), Templates.variant(Templates.CLEAN,
                "FunctionResponseTypes: [ReportBatchItemFailures]", "BatchSize: 10"), StandardCharsets.UTF_8);

        // WHEN the output takes nothing
        int code = CheckCommand.run(new String[] {broken.toString()},
                new PrintWriter(new FullDisk(0), true, StandardCharsets.UTF_8), new PrintWriter(new StringWriter()));

        // THEN
        assertThat(code).isEqualTo(3);
    }

    @Test
    void shouldExitThreeWhenWritingToDevFullThroughAPrintStreamAsTheCommandLineDoes() throws IOException {
        // GIVEN /dev/full (Linux), wrapped as StreampipeLocal wraps System.out: a PrintWriter over a PrintStream,
        // which swallows the IOException and only records it
        assumeTrue(Files.isWritable(DEV_FULL), "needs /dev/full");
        String template = template();
        StringWriter err = new StringWriter();

        // WHEN
        int code;
        try (PrintStream full = new PrintStream(new FileOutputStream(DEV_FULL.toFile()), true, StandardCharsets.UTF_8)) {
            code = CheckCommand.run(new String[] {template, "--format", "json"},
                    new PrintWriter(full, true, StandardCharsets.UTF_8), new PrintWriter(err));
        }

        // THEN
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).startsWith("error: could not write the json report of " + template);
    }
}
