package dev.streampipe.system.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code sam validate --lint} (on by default in samconfig.toml) fails on any cfn-lint match, warnings included:
 * the template must give none. Skipped, saying how to install it, where cfn-lint is not on the PATH.
 */
class CfnLintTest {

    @Test
    void shouldReportNothingWhenCfnLintChecksTheTemplate() throws Exception {
        // GIVEN cfn-lint on the PATH
        Optional<Path> cfnLint = CfnLint.onPath();
        assumeTrue(cfnLint.isPresent(), CfnLint.MISSING);

        // WHEN it checks template.yaml
        CfnLint.Run lint = CfnLint.run(cfnLint.get(), ProjectFiles.root(), "template.yaml");

        // THEN it finds nothing at all
        assertThat(lint.finished()).as("cfn-lint finished within 2 minutes").isTrue();
        assertThat(lint.report()).as("cfn-lint template.yaml output").isEmpty();
        assertThat(lint.exitCode()).as("cfn-lint exit code; its output:%n%s", lint.report()).isZero();
    }
}
