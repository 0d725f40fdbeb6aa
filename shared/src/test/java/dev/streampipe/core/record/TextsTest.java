package dev.streampipe.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One way for every entry point to bound, show and read outside text. */
class TextsTest {

    @Test
    void shouldCutLongTextSayingHowLongItWasAndNeverSplitASurrogatePair() {
        // GIVEN a short text, a long one, and one whose cut falls inside an emoji
        // WHEN / THEN short text is kept, long text says its length, a pair is kept whole or dropped whole
        assertThat(Texts.abbreviate("ten", 3)).isEqualTo("ten");
        assertThat(Texts.abbreviate("1".repeat(5000), 10)).isEqualTo("1".repeat(10) + "... (5000 characters in all)");
        assertThat(Texts.abbreviate("x".repeat(9) + "\uD83D\uDE00" + "y".repeat(50), 10))
                .isEqualTo("x".repeat(9) + "... (61 characters in all)");
    }

    @Test
    void shouldEscapeWhatWouldBreakTheLineOrHideTheTextWhenShowingAValue() {
        // GIVEN values with line breaks, a terminal escape, a right-to-left override, a lone surrogate and an emoji
        // WHEN / THEN each reaches the message on one line, nothing raw that a terminal acts on, pairs kept
        assertThat(Texts.oneLine("a\nb\tc\u0000d\u2028e\r")).isEqualTo("a\\nb\\tc\\u0000d\\u2028e\\r");
        assertThat(Texts.shown("a\u001b[2Jb\u202e")).isEqualTo("'a\\u001b[2Jb\\u202e'");
        assertThat(Texts.shown("\uD83D\uDE00ok\uD800")).isEqualTo("'\uD83D\uDE00ok\\ud800'");
        assertThat(Texts.shown("x".repeat(10_000))).isEqualTo("'" + "x".repeat(60) + "... (10000 characters in all)'");
        assertThat(Texts.shown(null)).isEqualTo("null");
    }

    @Test
    void shouldReadAWholeNumberExactlyWithinItsRangeAndNothingElse() {
        // GIVEN numbers in and out of 1..100, huge ones, and texts that are no whole number
        // WHEN / THEN only ASCII digits with an optional sign inside the range read, without wrapping around
        assertThat(Texts.wholeNumber("42", 1, 100)).hasValue(42);
        assertThat(Texts.wholeNumber("+0007", 1, 100)).hasValue(7);
        assertThat(Texts.wholeNumber("-0", -5, 5)).hasValue(0);
        assertThat(Texts.wholeNumber("-9223372036854775808", Long.MIN_VALUE, 0)).hasValue(Long.MIN_VALUE);
        for (String bad : new String[] {"0", "101", "99999999999999999999999", "9223372036854775808", "1e2", "0x10",
                "1.0", " 5", "", "-", "\u0664\u0662", "NaN"}) {
            assertThat(Texts.wholeNumber(bad, 1, 100)).as(bad).isEmpty();
        }
    }

    @Test
    void shouldReadUtf8AndDropAByteOrderMark() {
        // GIVEN UTF-8 text with and without a byte-order mark
        byte[] plain = "caf\u00e9 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        byte[] bom = ("\uFEFF" + "caf\u00e9").getBytes(StandardCharsets.UTF_8);

        // WHEN / THEN both read as the text
        assertThat(Texts.utf8(plain)).isEqualTo("caf\u00e9 \uD83D\uDE00");
        assertThat(Texts.utf8(bom)).isEqualTo("caf\u00e9");
    }

    @Test
    void shouldSayWhyBytesAreNotUtf8Text() {
        // GIVEN UTF-16 and UTF-32 with byte-order marks, UTF-16 without one, and Latin-1 on the second line
        byte[] utf16 = "{}".getBytes(StandardCharsets.UTF_16);
        byte[] utf32 = "{}".getBytes(Charset.forName("UTF-32LE"));
        byte[] utf32Bom = new byte[utf32.length + 4];
        utf32Bom[0] = (byte) 0xFF;
        utf32Bom[1] = (byte) 0xFE;
        System.arraycopy(utf32, 0, utf32Bom, 4, utf32.length);
        byte[] utf16le = "{}".getBytes(StandardCharsets.UTF_16LE);
        byte[] latin1 = "a\ncaf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        // WHEN / THEN each is refused naming the encoding, the NUL byte or the first bad byte and its line
        assertThatThrownBy(() -> Texts.utf8(utf16)).isInstanceOf(Texts.NotUtf8Exception.class)
                .hasMessageStartingWith("UTF-16 text (its byte-order mark says so)")
                .satisfies(e -> assertThat(((Texts.NotUtf8Exception) e).encodingOrNull()).isEqualTo("UTF-16"));
        assertThatThrownBy(() -> Texts.utf8(utf32Bom)).hasMessageStartingWith("UTF-32 text");
        assertThatThrownBy(() -> Texts.utf8(utf16le))
                .hasMessage("a NUL byte at offset 1 (UTF-16 text, or a binary file?)");
        assertThatThrownBy(() -> Texts.utf8(latin1)).hasMessage("byte 0xE9 at offset 5 (line 2) is not UTF-8");
    }
}
