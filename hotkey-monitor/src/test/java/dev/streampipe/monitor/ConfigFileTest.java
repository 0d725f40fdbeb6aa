package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldNameTheArgumentAndPathWhenTheFileIsMissing() {
        // WHEN a missing file is read  THEN the message names where the name came from and the path
        assertThatThrownBy(() -> ConfigFile.read("--config", dir.resolve("missing.properties").toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("--config '" + dir.resolve("missing.properties") + "': no such file");
    }

    @Test
    void shouldSayItIsADirectoryWhenTheNameIsADirectory() {
        assertThatThrownBy(() -> ConfigFile.read("CONFIG_FILE", dir.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("CONFIG_FILE '" + dir + "' is a directory, not a properties file");
    }

    @Test
    void shouldSayItIsNotUtf8WhenTheFileIsBinary() throws IOException {
        // GIVEN bytes that are not UTF-8 from the third on, and a NUL byte
        Path file = Files.write(dir.resolve("binary"), new byte[] {'A', '=', (byte) 0xC3, (byte) 0x28, 0, 1, 2});
        // WHEN read  THEN the message says where it stops being text
        assertThatThrownBy(() -> ConfigFile.read("--config", file.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageEndingWith("binary' is not UTF-8 text: a NUL byte at offset 4 (UTF-16 text, or a binary file?)");
    }

    @Test
    void shouldSaySoWhenTheFileIsUtf16() throws IOException {
        // GIVEN a properties file written as UTF-16LE without a byte-order mark
        Path file = Files.writeString(dir.resolve("utf16.properties"), "TOP_KEYS=5\n", StandardCharsets.UTF_16LE);
        // WHEN read  THEN the NUL bytes give it away
        assertThatThrownBy(() -> ConfigFile.read("--config", file.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageEndingWith("is not UTF-8 text: a NUL byte at offset 1 (UTF-16 text, or a binary file?)");
    }

    @Test
    void shouldRefuseAFileLargerThanTheBoundWithoutReadingItAll() throws IOException {
        // GIVEN a 2 MiB file of comments
        Path file = Files.writeString(dir.resolve("big.properties"), "#".repeat(2 << 20));
        // WHEN read  THEN it is refused by size
        assertThatThrownBy(() -> ConfigFile.read("--config", file.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageEndingWith("is larger than 1048576 bytes; is it the right file?");
    }

    @Test
    void shouldNameTheKeyAndBothValuesWhenAKeyIsSetTwice() throws IOException {
        // GIVEN a file setting TOP_KEYS twice (a properties file would silently keep the last)
        Path file = Files.writeString(dir.resolve("twice.properties"), "TOP_KEYS=5\nSTREAM_ARN=x\nTOP_KEYS : 7\n");
        // WHEN read  THEN refused, naming the key and both values
        assertThatThrownBy(() -> ConfigFile.read("--config", file.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageEndingWith("twice.properties' sets 'TOP_KEYS' twice, to '5' and '7'");
    }

    @Test
    void shouldSayItIsNotAPropertiesFileWhenAnEscapeIsMalformed() throws IOException {
        Path file = Files.writeString(dir.resolve("escape.properties"), "TOP_KEYS=\\u12\n");
        assertThatThrownBy(() -> ConfigFile.read("--config", file.toString()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("escape.properties' is not a properties file: Malformed \\uxxxx encoding.");
    }

    @Test
    void shouldSkipAByteOrderMarkAndReadUnicodeValuesWhenTheFileIsUtf8() throws IOException {
        // GIVEN a UTF-8 file starting with a byte-order mark, with a non-ASCII value
        Path file = Files.writeString(dir.resolve("bom.properties"), "\uFEFFTOP_KEYS=5\nWORKER_ID=wörker-1\n");
        // WHEN read  THEN the first key is TOP_KEYS, not "\uFEFFTOP_KEYS", and the value is intact
        assertThat(ConfigFile.read("--config", file.toString()))
                .containsExactly(Map.entry("TOP_KEYS", "5"), Map.entry("WORKER_ID", "wörker-1"));
    }

    @Test
    void shouldNameThePathWhenItIsNoPath() {
        assertThatThrownBy(() -> ConfigFile.read("--config", "a\0b"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("--config 'a\\u0000b' is not a valid path");
    }

    @Test
    void shouldSuggestTheKeyWhenAnUnknownKeyDiffersOnlyInCase() {
        // WHEN a file's keys are merged, one of them in lower case
        // THEN the unknown key is named with the key it likely meant
        assertThatThrownBy(() -> MonitorSettings.merge(Map.of("top_keys", "5"), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageEndingWith(": 'top_keys' (did you mean TOP_KEYS?)");
    }
}
