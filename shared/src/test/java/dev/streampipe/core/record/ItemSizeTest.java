package dev.streampipe.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** DynamoDB item-size rules (write units: the hot-key module's WriteUnitsTest). */
class ItemSizeTest {

    @Test
    void shouldSizeScalarsByDynamoDbRules() {
        assertThat(ItemSize.ofAttribute("name", "abc")).isEqualTo(4 + 3);
        assertThat(ItemSize.ofAttribute("ok", true)).isEqualTo(2 + 1);
        assertThat(ItemSize.ofAttribute("gone", null)).isEqualTo(4 + 1);
        assertThat(ItemSize.ofValue(new byte[10])).isEqualTo(10);
        assertThat(ItemSize.ofValue(ByteBuffer.wrap(new byte[7]))).isEqualTo(7);
        assertThat(ItemSize.ofValue("é€😀")).isEqualTo(2 + 3 + 4);
    }

    @Test
    void shouldSizeNumbersByTheirSignificantDigits() {
        assertThat(ItemSize.ofNumber("12345")).isEqualTo(3 + 1);       // 5 digits → 3 bytes + 1
        assertThat(ItemSize.ofNumber("-0.00120")).isEqualTo(1 + 1);    // "12"
        assertThat(ItemSize.ofNumber("100")).isEqualTo(1 + 1);         // trailing zeros trimmed
        assertThat(ItemSize.ofNumber("1.05E+10")).isEqualTo(2 + 1);    // "105"; exponent is not a digit
        assertThat(ItemSize.ofNumber("0")).isEqualTo(1 + 1);
        assertThat(ItemSize.ofNumber("12345678901234567890123456789012345678")).isEqualTo(19 + 1);
        assertThat(ItemSize.ofValue(new BigDecimal("123.4500"))).isEqualTo(3 + 1);
        assertThat(ItemSize.ofValue(42L)).isEqualTo(1 + 1);
        assertThat(ItemSize.ofValue(0.5d)).isEqualTo(1 + 1);
        assertThatThrownBy(() -> ItemSize.ofNumber("12a")).hasMessage("not a number: '12a'");
    }

    @Test
    void shouldAddListAndMapOverheadPerContainerAndPerElement() {
        assertThat(ItemSize.ofValue(List.of())).isEqualTo(3);
        assertThat(ItemSize.ofValue(List.of("a", "bb"))).isEqualTo(3 + (1 + 1) + (1 + 2));
        assertThat(ItemSize.ofValue(Map.of("x", true))).isEqualTo(3 + (1 + 1 + 1));
        assertThat(ItemSize.ofValue(Map.of("m", List.of(1)))).isEqualTo(3 + (1 + 1 + (3 + 1 + 2)));
    }

    @Test
    void shouldSumSetElementsWithoutOverhead() {
        assertThat(ItemSize.ofValue(Set.of("a", "bc"))).isEqualTo(3);
        assertThat(ItemSize.ofValue(Set.of(new BigDecimal("10"), new BigDecimal("12345")))).isEqualTo(2 + 4);
        assertThatThrownBy(() -> ItemSize.ofValue(Set.of(List.of("a"))))
                .hasMessageContaining("set elements must be strings, numbers or binaries");
    }

    @Property
    void shouldMeasureUtf8LengthAsTheEncoderDoes(
            @ForAll @Size(max = 50) List<@IntRange(min = 0, max = 0x10FFFF) Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        codePoints.stream()
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .forEach(text::appendCodePoint);
        assertThat(ItemSize.utf8Length(text)).isEqualTo(text.toString().getBytes(StandardCharsets.UTF_8).length);
    }

    @Property
    void shouldSizeListAsOverheadPlusElements(@ForAll @Size(max = 20) List<@Size(max = 30) String> strings) {
        long elements = strings.stream().mapToLong(s -> 1 + ItemSize.utf8Length(s)).sum();
        assertThat(ItemSize.ofValue(strings)).isEqualTo(3 + elements);
    }
}
