package dev.streampipe.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The config file is read as strictly as the template: every key in its shape, numbers that fit. */
class CheckConfigTest {
    @TempDir
    Path dir;

    private Path config(String content) throws IOException {
        return Files.writeString(dir.resolve("check.yaml"), content, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "writerThreshold: 99999999999999999999999|writerThreshold must be a whole number from 1 to 2147483647, "
                + "was a number (99999999999999999999999)",
        "writerThreshold: 2.5|writerThreshold must be a whole number from 1 to 2147483647, was a number (2.5)",
        "writerThresholds: [Orders]|writerThresholds must be a map, was a list",
        "externalReaders: {name: kcl, table: Orders}|externalReaders must be a list, was a map",
        "externalReaders: [kcl]|externalReaders[0] must be a map, was a string ('kcl')",
        "externalReaders: [{name: [kcl], table: Orders}]|externalReaders[0].name must be a string, was a list",
        "orderedHandlers: RouterFunction|orderedHandlers must be a list, was a string ('RouterFunction')",
        "orderedHandlers: [{a: 1}]|orderedHandlers[0] must be a string, was a map",
        "- writerThreshold|must be a mapping, was a list"
    })
    void shouldRejectWrongShapesAndNumbersThatDoNotFitNamingTheKey(String content, String problem) throws IOException {
        // GIVEN
        Path file = config(content);

        // WHEN / THEN
        assertThatThrownBy(() -> CheckConfig.read(file)).isInstanceOf(CheckInputException.class)
                .hasMessage("config " + file + ": " + problem);
    }

    @Test
    void shouldRejectSecondDocumentAndTextAfterJson() throws IOException {
        Path yaml = config("writerThreshold: 3\n---\nwriterThreshold: 9\n");
        Path json = Files.writeString(dir.resolve("check.json"), "{\"writerThreshold\": 3} {\"writerThreshold\": 9}");

        assertThatThrownBy(() -> CheckConfig.read(yaml)).isInstanceOf(CheckInputException.class)
                .hasMessage("config " + yaml + ": more than one YAML document at line 3");
        assertThatThrownBy(() -> CheckConfig.read(json)).isInstanceOf(CheckInputException.class)
                .hasMessageStartingWith("config " + json + " is not valid JSON: its value ends at line 1, column 23");
        assertThat(CheckConfig.read(config("writerThreshold: 3\n...\n")).writerThreshold()).isEqualTo(3);
    }

    @Test
    void shouldReadEmptyConfigAsDefaults() throws IOException {
        assertThat(CheckConfig.read(config(""))).isEqualTo(CheckConfig.defaults());
        assertThat(CheckConfig.read(config("writerThreshold: 7\n")).writerThreshold()).isEqualTo(7);
    }
}
