package dev.streampipe.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckCommandTest {
    @TempDir
    Path dir;

    /** Exit code, standard output and error of one run. */
    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CheckCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private String file(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path.toString();
    }

    @ParameterizedTest(name = "fail-on {0} with a low finding exits {1}")
    @CsvSource({"info, 1", "low, 1", "medium, 0", "high, 0"})
    void shouldExitOneOnlyWhenAFindingIsAtOrAboveFailOn(String failOn, int expected) throws IOException {
        // GIVEN a template whose only finding is low (bisect off)
        String template = file("t.yaml", Templates.variant(Templates.CLEAN, "BisectBatchOnFunctionError: true",
                "BisectBatchOnFunctionError: false"));

        // WHEN
        Run run = run(template, "--fail-on", failOn);

        // THEN
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(expected);
        assertThat(run.out()).contains("LOW    mapping-without-bisect [Router.Changes]");
    }

    @Test
    void shouldFailOnHighByDefaultAndPassMediumFindings() throws IOException {
        String medium = file("m.yaml", Templates.variant(Templates.CLEAN, "MetricName: IteratorAge", "MetricName: Errors"));
        String high = file("h.yaml", Templates.variant(Templates.CLEAN,
                "FunctionResponseTypes: [ReportBatchItemFailures]", "BatchSize: 10"));

        assertThat(run(medium).code()).isZero();
        assertThat(run(medium, "--fail-on", "medium").code()).isEqualTo(1);
        assertThat(run(high).code()).isEqualTo(1);
        assertThat(run(file("c.yaml", Templates.CLEAN), "--fail-on", "info").code()).isZero();
    }

    @Test
    void shouldExitTwoNamingTheProblemWhenFileIsEmpty() throws IOException {
        Run run = run(file("empty.yaml", ""));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("empty.yaml is empty, not a template");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldExitTwoWhenJsonIsAnArray() throws IOException {
        Run run = run(file("array.json", "[{\"Resources\": {}}]"));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("array.json is not a template: its top level is a JSON/YAML array");
    }

    @Test
    void shouldExitTwoWhenGetAttNamesMissingResource() throws IOException {
        Run run = run(file("dangling.yaml", Templates.variant(Templates.CLEAN, "!GetAtt Table.StreamArn",
                "!GetAtt Orders.StreamArn")));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Resources.Router.Properties.Events.Changes.Properties.Stream: "
                + "!GetAtt Orders.StreamArn names no resource in the template");
    }

    @Test
    void shouldExitTwoWhenInputIsNotATemplateOrOptionsAreBad() throws IOException {
        String clean = file("c.yaml", Templates.CLEAN);

        assertThat(run(file("plain.yaml", "name: not a template\n")).err()).contains("has no Resources section");
        assertThat(run(dir.resolve("missing.yaml").toString()).err()).contains("no such template file");
        assertThat(run(clean, "--fail-on", "severe").err()).contains("was 'severe'");
        assertThat(run(clean, "--format", "xml").err()).contains("--format must be text, json or sarif, was 'xml'");
        assertThat(run(clean, "--config", file("bad.yaml", "writerTreshold: 3\n")).err())
                .contains("unknown key 'writerTreshold'");
        assertThat(run(clean, "--config", file("neg.yaml", "writerThresholds: {Table: 0}\n")).err())
                .contains("writerThresholds.Table must be at least 1, was 0");
        assertThat(run().code()).isEqualTo(2);
        assertThat(run(file("tag.yaml", "Resources:\n  X: !Bogus y\n")).err()).contains("unknown tag !Bogus at line 2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty.yaml|| is empty, not a template",
        "blank.yaml|   \\n\\n| is empty, not a template",
        "trailing.json|{\"Resources\": {\"A\": {\"Type\": \"X\"}}} {}|its value ends at line 1, column 36",
        "deep.json|{\"Resources\": {\"A\": {\"Type\": \"X\", \"Properties\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[|nested deeper "
                + "than 100 levels",
        "nulls.yaml|Resources:\\n  A:\\n    Type: X\\n    Properties:\\n|Resources.A.Properties must be a map, was null",
        "events.yaml|Resources:\\n  F:\\n    Type: AWS::Serverless::Function\\n    Properties: {Events: [1]}\\n"
                + "|Resources.F.Properties.Events must be a map, was a list",
        "tag.yaml|Resources: !Bogus x|unknown tag !Bogus at line 1"
    })
    void shouldExitTwoWithOneErrorLineAndNoStackTraceWhenInputIsHostile(String name, String content, String problem)
            throws IOException {
        // GIVEN
        String template = file(name, content == null ? "" : content.replace("\\n", "\n"));

        // WHEN
        Run run = run(template, "--format", "sarif");

        // THEN
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: " + template).contains(problem).hasLineCount(1)
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldKeepTheErrorOnOneLineWhenTheBadValueHoldsLineBreaks() throws IOException {
        // GIVEN a resource that is a string with a line break in it
        String template = file("newline.yaml", "Resources:\n  A: \"first\\nsecond\"\n");

        // WHEN
        Run run = run(template);

        // THEN
        assertThat(run.err()).isEqualTo("error: " + template + " is not a valid template: Resources.A must be a map, "
                + "was a string ('first\\nsecond')" + System.lineSeparator());
    }

    @Test
    void shouldExitTwoNamingTheFileWhenItIsADirectoryBinaryOrUtf16() throws IOException {
        Path binary = Files.write(dir.resolve("binary.bin"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Path utf16 = Files.write(dir.resolve("utf16.yaml"), "\uFEFFResources: {}".getBytes(StandardCharsets.UTF_16));

        assertThat(run(dir.toString()).err()).isEqualTo("error: template " + dir + " is a directory, not a file"
                + System.lineSeparator());
        assertThat(run(binary.toString()).err()).contains(binary + " is not UTF-8 text: a NUL byte at offset 4 (UTF-16 text, or a binary file?)");
        assertThat(run(utf16.toString()).err()).contains(utf16 + " is UTF-16 text (its byte-order mark says so)");
        assertThat(run(dir.toString(), "--config", dir.toString()).code()).isEqualTo(2);
    }

    @Test
    void shouldReadJsonTemplatesLikeYaml() throws IOException {
        String json = """
                {"Resources": {
                  "Table": {"Type": "AWS::DynamoDB::Table"},
                  "Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {"S": {"Type": "DynamoDB",
                    "Properties": {"Stream": {"Fn::GetAtt": ["Table", "StreamArn"]}, "StartingPosition": "LATEST"}}}}}
                }}""";

        Run run = run(file("t.json", json), "--format", "json");

        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(run.code()).isEqualTo(1);
        assertThat(report.path("streamReaders").get(0).path("stream").asText()).isEqualTo("Table");
        assertThat(report.path("summary").path("high").asInt()).isEqualTo(3);
    }

    @Test
    void shouldWriteByteIdenticalJsonAndSarifWhenRunTwice() throws IOException {
        // GIVEN a template with findings of every severity
        String template = file("t.yaml", Templates.withResources("""
                  Indexer:
                    Type: AWS::Serverless::Function
                    Properties:
                      EventInvokeConfig: {MaximumRetryAttempts: 1}
                      Events:
                        Changes:
                          Type: DynamoDB
                          Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST, ParallelizationFactor: 2}
                """));

        // WHEN
        Run first = run(template, "--format", "json");
        Run second = run(template, "--format", "json");
        Run sarif = run(template, "--format", "sarif");

        // THEN
        assertThat(first.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(second.out().getBytes(StandardCharsets.UTF_8));
        assertThat(sarif.out()).isEqualTo(run(template, "--format", "sarif").out());
        assertThat(first.out()).doesNotContain("\r");
        JsonNode log = new ObjectMapper().readTree(sarif.out());
        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        JsonNode results = log.path("runs").get(0).path("results");
        assertThat(results).hasSize(new ObjectMapper().readTree(first.out()).path("findings").size());
        assertThat(results.get(0).path("level").asText()).isEqualTo("error");
        assertThat(results.get(0).path("locations").get(0).path("physicalLocation").path("region")
                .path("startLine").asInt()).isGreaterThan(1);
    }
}
