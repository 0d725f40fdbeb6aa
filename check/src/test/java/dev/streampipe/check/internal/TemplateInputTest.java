package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.check.CheckInputException;
import dev.streampipe.check.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TemplateInput} reads strictly: what it cannot read whole is bad input naming the file and the place. */
class TemplateInputTest {
    private static final String JSON = """
            {"Resources": {"Table": {"Type": "AWS::DynamoDB::Table"}}}
            """;

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @ParameterizedTest(name = "JSON followed by {0}")
    @ValueSource(strings = {"garbage", "{\"Resources\": {}}", "// comment", "]", "0"})
    void shouldRejectJsonWhenTextFollowsItsValue(String tail) {
        // GIVEN a valid JSON template with something after its closing brace
        String text = JSON + tail + "\n";

        // WHEN / THEN
        assertThatThrownBy(() -> TemplateInput.parse("t.json", text)).isInstanceOf(CheckInputException.class)
                .hasMessage("t.json is not valid JSON: its value ends at line 1, column 59 but more text follows "
                        + "(two documents, or trailing text?)");
        assertThat(TemplateInput.parse("t.json", JSON).resources()).containsOnlyKeys("Table");
    }

    @Test
    void shouldRejectYamlWhenItHoldsTwoDocuments() {
        String yaml = Templates.CLEAN + "---\n" + Templates.CLEAN;

        assertThatThrownBy(() -> TemplateInput.parse("t.yaml", yaml)).isInstanceOf(CheckInputException.class)
                .hasMessageStartingWith("t.yaml: more than one YAML document at line ");
        assertThat(TemplateInput.parse("t.yaml", "---\n" + Templates.CLEAN + "...\n").resources()).hasSize(4);
    }

    @Test
    void shouldRejectNestingDeeperThanTheLimitNamingTheLine() {
        // GIVEN the probe's input: a JSON template nested 100,000 deep (a NullPointerException trace before), and
        // YAML nested 101 deep
        String json = "{\"Resources\": {\"A\": {\"Type\": \"X\", \"Properties\": " + "[".repeat(100_000)
                + "]".repeat(100_000) + "}}}";
        String yaml = Templates.CLEAN + "  Deep:\n    Type: X\n    Properties: " + "[".repeat(101) + "]".repeat(101);

        // WHEN / THEN
        assertThatThrownBy(() -> TemplateInput.parse("deep.json", json)).isInstanceOf(CheckInputException.class)
                .hasMessage("deep.json is not valid JSON: nested deeper than 100 levels at line 1, column 147");
        assertThatThrownBy(() -> TemplateInput.parse("deep.yaml", yaml)).isInstanceOf(CheckInputException.class)
                .hasMessage("deep.yaml: template is not readable: nested deeper than 100 levels at line 39");
    }

    @Test
    void shouldRejectNumbersLongerThanTheLimit() {
        String json = "{\"Resources\": {\"A\": {\"Type\": \"X\", \"Properties\": {\"N\": 1" + "0".repeat(1000) + "}}}}";
        String yaml = "Resources:\n  A:\n    Type: X\n    Properties: {N: 1" + "0".repeat(1000) + "}\n";

        assertThatThrownBy(() -> TemplateInput.parse("n.json", json)).isInstanceOf(CheckInputException.class)
                .hasMessageStartingWith("n.json is not valid JSON: a number longer than 1000 characters at line 1");
        assertThatThrownBy(() -> TemplateInput.parse("n.yaml", yaml)).isInstanceOf(CheckInputException.class)
                .hasMessage("n.yaml: a number of 1001 characters at line 4 is longer than 1000 characters");
    }

    @Test
    void shouldRejectJsonKeysLongerThanJacksonsLimitInWords() {
        String json = "{\"Resources\": {\"" + "A".repeat(50_001) + "\": {\"Type\": \"X\"}}}";

        assertThatThrownBy(() -> TemplateInput.parse("k.json", json)).isInstanceOf(CheckInputException.class)
                .hasMessage("k.json is not valid JSON: a key longer than 50000 characters at line 1, column 50019");
    }

    @Test
    void shouldReadUtf8WithByteOrderMarkAsJson() throws IOException {
        // GIVEN JSON saved with a UTF-8 BOM and text after its value: read as JSON, so the tail is caught
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path clean = file("bom.json", concat(bom, JSON.getBytes(StandardCharsets.UTF_8)));
        Path tail = file("tail.json", concat(bom, (JSON + "x").getBytes(StandardCharsets.UTF_8)));

        // WHEN
        CfnTemplate template = TemplateInput.read(clean);

        // THEN
        assertThat(template.resources()).containsOnlyKeys("Table");
        assertThatThrownBy(() -> TemplateInput.read(tail)).hasMessageContaining("is not valid JSON: its value ends");
    }

    @Test
    void shouldRejectWhatIsNotUtf8TextNamingTheEncodingOrTheByte() throws IOException {
        Path utf16 = file("utf16.json", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                JSON.getBytes(StandardCharsets.UTF_16LE)));
        Path utf16NoBom = file("utf16le.json", JSON.getBytes(StandardCharsets.UTF_16LE));
        Path latin1 = file("latin1.yaml", "Resources:\n  A: {Type: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> TemplateInput.read(utf16)).isInstanceOf(CheckInputException.class)
                .hasMessage(utf16 + " is UTF-16 text (its byte-order mark says so); convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8");
        assertThatThrownBy(() -> TemplateInput.read(utf16NoBom)).isInstanceOf(CheckInputException.class)
                .hasMessage(utf16NoBom + " is not UTF-8 text: a NUL byte at offset 1 (UTF-16 text, or a binary file?)");
        assertThatThrownBy(() -> TemplateInput.read(latin1)).isInstanceOf(CheckInputException.class)
                .hasMessage(latin1 + " is not UTF-8 text: byte 0xE9 at offset 26 (line 2) is not UTF-8");
    }

    @Test
    void shouldRejectDirectoriesAndFilesOverOneMebibyte() throws IOException {
        Path big = file("big.yaml", ("Resources:\n  A:\n    Type: X\n    Properties: {D: '"
                + "x".repeat(InputText.MAX_BYTES) + "'}\n").getBytes(StandardCharsets.UTF_8));
        Path atLimit = file("limit.yaml", ("Resources:\n  A:\n    Type: X\n    Properties: {D: '"
                + "x".repeat(InputText.MAX_BYTES - 100) + "'}\n").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> TemplateInput.read(dir)).isInstanceOf(CheckInputException.class)
                .hasMessage("template " + dir + " is a directory, not a file");
        assertThatThrownBy(() -> TemplateInput.read(big)).isInstanceOf(CheckInputException.class)
                .hasMessage("template " + big + " is larger than 1048576 bytes, the most check reads "
                        + "(CloudFormation accepts templates of up to 1 MB)");
        assertThat(TemplateInput.read(atLimit).resources()).containsOnlyKeys("A");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
