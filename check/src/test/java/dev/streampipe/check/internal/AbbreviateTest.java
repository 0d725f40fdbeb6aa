package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbbreviateTest {

    @Test
    void shouldKeepShortTextAndEscapeWhatWouldBreakTheLine() {
        assertThat(Abbreviate.text("ten")).isEqualTo("ten");
        assertThat(Abbreviate.text("a\nb\tc\u0000d\u2028e\r")).isEqualTo("a\\nb\\tc\\u0000d\\u2028e\\r");
    }

    @Test
    void shouldCutLongTextSayingHowLongItWas() {
        // GIVEN a 20-digit number (kept whole) and a 5000-digit one
        String twenty = "12345678901234567890";
        String huge = "1".repeat(5000);

        // WHEN / THEN
        assertThat(Abbreviate.text(twenty)).isEqualTo(twenty);
        assertThat(Abbreviate.text(huge)).isEqualTo("1".repeat(120) + "... (5000 characters in all)");
        assertThat(Abbreviate.text("x".repeat(119) + "\ud83d\ude00" + "y".repeat(50))).isEqualTo("x".repeat(119)
                + "... (171 characters in all)");
    }
}
