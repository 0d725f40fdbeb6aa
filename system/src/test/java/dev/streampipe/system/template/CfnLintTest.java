package dev.streampipe.system.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code sam validate --lint} (on by default in samconfig.toml) fails on any cfn-lint match, warnings included:
 * the template must give none. Skipped, saying how to install it, where cfn-lint is not on the PATH.
 */
class CfnLintTest {

    @Test
    void shouldReportNothingWhenCfnLintChecksTheTemplate() throws Exception {
        // GIVEN cfn-lint on the PATH
        Optional<Path> cfnLint = onPath("cfn-lint");
        assumeTrue(cfnLint.isPresent(), "cfn-lint is not on the PATH: install it with `python3 -m pip install cfn-lint`"
                + " (SAM users have it through `sam validate --lint`)");

        // WHEN it checks template.yaml
        Path root = ProjectFiles.root();
        Path output = Files.createTempFile("cfn-lint", ".txt");
        Process lint = new ProcessBuilder(cfnLint.get().toString(), "template.yaml").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = lint.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            lint.destroyForcibly();
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);

        // THEN it finds nothing at all
        assertThat(finished).as("cfn-lint finished within 2 minutes").isTrue();
        assertThat(report).as("cfn-lint template.yaml output").isEmpty();
        assertThat(lint.exitValue()).as("cfn-lint exit code; its output:%n%s", report).isZero();
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }
}
