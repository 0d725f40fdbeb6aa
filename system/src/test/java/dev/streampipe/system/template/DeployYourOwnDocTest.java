package dev.streampipe.system.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streampipe.aws.lambda.RuntimeSettings;
import dev.streampipe.check.CheckConfig;
import dev.streampipe.check.CheckReport;
import dev.streampipe.check.Checker;
import dev.streampipe.check.Severity;
import dev.streampipe.check.StreamReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deploy-your-own.md cannot rot: its SAM template, taken from the page, passes cfn-lint and {@code check}, and
 * its table of environment variables lists exactly the variables the runtime reads ({@link RuntimeSettings#VARIABLES},
 * {@link RuntimeSettings#CLIENT_VARIABLES}); so does runtime.md's table for every stream function.
 */
class DeployYourOwnDocTest {
    private static final String PAGE = "docs/deploy-your-own.md";
    private static final Pattern VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]*(?:<SERVICE>)?)`");

    @Test
    void shouldFindNothingAtAnyLevelWhenCheckReadsThePagesTemplate() throws IOException {
        // GIVEN the page's template
        String template = template(read(PAGE));

        // WHEN check reads it
        CheckReport report = Checker.check(PAGE, template, CheckConfig.defaults());

        // THEN the function's mapping is its table's one reader, and there is no finding at all
        assertThat(report.readers()).extracting(StreamReader::id, StreamReader::stream)
                .containsExactly(tuple("InventoryFunction.Stream", "InventoryTable"));
        assertThat(report.findings()).as("check findings on the template of " + PAGE).isEmpty();
    }

    @Test
    void shouldSayOnlyThatTheStreamIsUnresolvedWhenTheTableAlreadyExists() throws IOException {
        // GIVEN the page's template changed as it says for a table outside the stack: no InventoryTable, the stream
        // ARN a parameter
        String template = template(read(PAGE));
        String withoutTable = template.replaceFirst("(?s)\n  InventoryTable:\n.*?\n\n", "\n")
                .replace("!GetAtt InventoryTable.StreamArn", "!Ref TableStreamArn")
                .replace("Parameters:\n", "Parameters:\n  TableStreamArn:\n    Type: String\n");
        assertThat(withoutTable).doesNotContain("InventoryTable");

        // WHEN check reads it
        CheckReport report = Checker.check(PAGE, withoutTable, CheckConfig.defaults());

        // THEN its one finding is the one the page explains, at info
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule().id()).isEqualTo("stream-reader-unresolved");
            assertThat(f.rule().severity()).isEqualTo(Severity.INFO);
        });
    }

    @Test
    void shouldReportNothingWhenCfnLintChecksThePagesTemplate(@TempDir Path dir) throws Exception {
        // GIVEN cfn-lint on the PATH and the page's template in a file
        Optional<Path> cfnLint = CfnLint.onPath();
        assumeTrue(cfnLint.isPresent(), CfnLint.MISSING);
        Files.writeString(dir.resolve("template.yaml"), template(read(PAGE)));

        // WHEN cfn-lint checks it
        CfnLint.Run lint = CfnLint.run(cfnLint.get(), dir, "template.yaml");

        // THEN it finds nothing at all
        assertThat(lint.finished()).as("cfn-lint finished within 2 minutes").isTrue();
        assertThat(lint.report()).as("cfn-lint output on the template of " + PAGE).isEmpty();
        assertThat(lint.exitCode()).as("cfn-lint exit code; its output:%n%s", lint.report()).isZero();
    }

    @Test
    void shouldListExactlyTheVariablesTheRuntimeReadsWhenTheTablesAreRead() throws IOException {
        // GIVEN the variables the runtime reads, from its code
        Set<String> read = new LinkedHashSet<>(RuntimeSettings.VARIABLES);
        read.addAll(RuntimeSettings.CLIENT_VARIABLES);

        // WHEN the page's table and runtime.md's table for every stream function are read
        List<String> page = variables(read(PAGE), "## Environment variables");
        List<String> runtime = variables(read("docs/runtime.md"), "### Every stream function (`streampipe-aws`)");

        // THEN each lists exactly those, once
        assertThat(page).as("the variables in the table of " + PAGE).containsExactlyInAnyOrderElementsOf(read);
        assertThat(runtime).as("the variables in runtime.md's table").containsExactlyInAnyOrderElementsOf(read);
    }

    @Test
    void shouldTakeOnlyTheFirstColumnsNamesWhenATableIsRead() {
        // GIVEN a section whose table names variables in both columns, then another section
        String doc = String.join("\n", "## Environment variables", "", "text `NOT_A_ROW`", "",
                "| variable | default | meaning |", "|---|---|---|", "| `A_VAR`, `B_VAR` | `48` | not `C_VAR` |",
                "| `AWS_ENDPOINT_URL_<SERVICE>` | none | x |", "", "## Next", "| `D_VAR` | | |");

        // WHEN / THEN the first column's names of the first table under the heading
        assertThat(variables(doc, "## Environment variables"))
                .containsExactly("A_VAR", "B_VAR", "AWS_ENDPOINT_URL_<SERVICE>");
    }

    /** The one {@code ```yaml} block of the page that is a whole template. */
    static String template(String doc) {
        List<String> templates = new ArrayList<>();
        Matcher m = Pattern.compile("(?ms)^```yaml\\n(.*?)^```$").matcher(doc);
        while (m.find()) {
            if (m.group(1).contains("AWSTemplateFormatVersion")) {
                templates.add(m.group(1));
            }
        }
        assertThat(templates).as("whole templates (```yaml blocks with AWSTemplateFormatVersion) in the page")
                .hasSize(1);
        return templates.get(0);
    }

    /** The names in the first column of the first table after {@code heading}. */
    static List<String> variables(String doc, String heading) {
        List<String> lines = doc.lines().toList();
        int at = lines.indexOf(heading);
        assertThat(at).as("heading '%s'", heading).isNotNegative();
        List<String> names = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines.subList(at + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            Matcher m = VARIABLE.matcher(line.split("\\|")[1]);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String read(String file) throws IOException {
        return Files.readString(ProjectFiles.root().resolve(file));
    }
}
