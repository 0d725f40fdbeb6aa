package dev.streampipe.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CI's gate: {@code check template.yaml --fail-on medium} on this project's own template passes. */
class OwnTemplateCheckTest {

    @Test
    void shouldPassFailOnMediumWhenCheckingOwnTemplate() {
        // GIVEN the repository's template.yaml
        String root = System.getProperty("streampipe.root", "..");
        Path template = Path.of(root).resolve("template.yaml").normalize();
        assertThat(Files.isRegularFile(template)).as("template at " + template.toAbsolutePath()).isTrue();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // WHEN
        int code = CheckCommand.run(new String[] {template.toString(), "--fail-on", "medium"}, new PrintWriter(out),
                new PrintWriter(err));

        // THEN
        assertThat(code).as(out + err.toString()).isZero();
        assertThat(out.toString()).contains("stream mapping RouterFunction.SessionStream -> table SessionTable",
                "service MonitorService -> table SessionTable");
    }
}
