package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class CompressedTextTest {

    @Test
    void shouldInflateWhenBytesAreZlibOfUtf8() {
        // GIVEN text with non-ASCII characters, compressed
        String text = "Grüße — the order #123 arrived damaged 📦. ".repeat(50);

        // WHEN / THEN
        assertThat(CompressedText.inflate(CompressedText.deflate(text))).isEqualTo(text);
    }

    @Test
    void shouldInflateBytesWrittenByPythonZlib() {
        // GIVEN zlib.compress(b"hello") from CPython
        byte[] python = HexFormat.of().parseHex("789ccb48cdc9c90700062c0215");

        // WHEN / THEN
        assertThat(CompressedText.inflate(python)).isEqualTo("hello");
    }

    @Test
    void shouldExplainWhenBytesAreNotZlib() {
        // WHEN / THEN
        assertThatThrownBy(() -> CompressedText.inflate("plain text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not zlib data: incorrect header check");
    }

    @Test
    void shouldExplainWhenStreamIsTruncated() {
        // GIVEN a compressed value missing its tail
        byte[] whole = CompressedText.deflate("a long enough text to be cut in the middle".repeat(5));
        byte[] cut = Arrays.copyOf(whole, whole.length - 6);

        // WHEN / THEN
        assertThatThrownBy(() -> CompressedText.inflate(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zlib data is truncated after " + cut.length + " bytes");
    }

    @Test
    void shouldExplainWhenBytesFollowTheStream() {
        // GIVEN a valid stream with garbage appended
        byte[] whole = CompressedText.deflate("hello");
        byte[] padded = Arrays.copyOf(whole, whole.length + 3);

        // WHEN / THEN
        assertThatThrownBy(() -> CompressedText.inflate(padded)).hasMessage("3 bytes follow the zlib stream");
    }

    @Test
    void shouldExplainWhenInflatedBytesAreNotUtf8() {
        // GIVEN Latin-1 bytes compressed
        byte[] latin1 = deflateRaw("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));

        // WHEN / THEN
        assertThatThrownBy(() -> CompressedText.inflate(latin1)).hasMessageStartingWith("inflated bytes are not UTF-8");
    }

    @Test
    void shouldRefuseWhenDataInflatesBeyondLimit() {
        // GIVEN 9 MiB of zeros, which compress to a few KB
        byte[] bomb = deflateRaw(new byte[9 * 1024 * 1024]);

        // WHEN / THEN
        assertThatThrownBy(() -> CompressedText.inflate(bomb))
                .hasMessage("zlib data inflates beyond " + CompressedText.MAX_INFLATED_BYTES + " bytes");
    }

    private static byte[] deflateRaw(byte[] bytes) {
        Deflater deflater = new Deflater();
        deflater.setInput(bytes);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
