package dev.streampipe.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionKeysTest {

    private static final SessionKeys KEYS = SessionKeys.DEFAULT;

    @Test
    void shouldFormatSchemaKeysWhenDefaultPrefixesUsed() {
        // WHEN / THEN
        assertThat(KEYS.sessionPartitionKey("s-0001")).isEqualTo("SESSION#s-0001");
        assertThat(KEYS.turnSortKey(1)).isEqualTo("TURN#000001");
        assertThat(KEYS.turnSortKey(999_999)).isEqualTo("TURN#999999");
        assertThat(KEYS.summarySortKey(2)).isEqualTo("SUMMARY#000002");
    }

    @Test
    void shouldWriteAllDigitsWhenNumberExceedsSixDigits() {
        // WHEN / THEN numbers from 1,000,000 keep the %06d rule: as many digits as needed
        assertThat(KEYS.turnSortKey(1_000_000)).isEqualTo("TURN#1000000");
        assertThat(KEYS.summarySortKey(Long.MAX_VALUE)).isEqualTo("SUMMARY#" + Long.MAX_VALUE);
        assertThat(KEYS.turnNumber("TURN#1000000")).isEqualTo(1_000_000L);
        assertThat(KEYS.summaryNumber("SUMMARY#" + Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldParseSessionIdWhenPartitionKeyHasPrefix() {
        // WHEN / THEN the id is everything after the prefix, '#' included
        assertThat(KEYS.sessionId("SESSION#s-0001")).isEqualTo("s-0001");
        assertThat(KEYS.sessionId("SESSION#a#b")).isEqualTo("a#b");
        assertThat(KEYS.isSessionPartitionKey("TENANT#x")).isFalse();
        assertThat(KEYS.isSessionPartitionKey("SESSION#")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TURN#", "TURN#1", "TURN#00001", "TURN#000000", "TURN#0000001", "TURN#-00001",
        "TURN#+00001", "TURN#00000a", "TURN# 00001", "TURN#000001x", "SUMMARY#000001", "turn#000001",
        "TURN#99999999999999999999", "TURN#9223372036854775808"})
    void shouldRejectTurnKeyWhenNotCanonical(String sortKey) {
        // WHEN / THEN the key is named in the message
        assertThatThrownBy(() -> KEYS.turnNumber(sortKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(sortKey);
    }

    @Test
    void shouldRejectBadInputsWithTheBadValueNamed() {
        // WHEN / THEN
        assertThatThrownBy(() -> KEYS.turnSortKey(0)).hasMessage("turn number must be >= 1, was 0");
        assertThatThrownBy(() -> KEYS.summarySortKey(-1)).hasMessage("summary window number must be >= 1, was -1");
        assertThatThrownBy(() -> KEYS.sessionPartitionKey(" ")).hasMessageContaining("was ' '");
        assertThatThrownBy(() -> KEYS.sessionPartitionKey(null)).hasMessageContaining("was 'null'");
        assertThatThrownBy(() -> KEYS.sessionPartitionKey("x".repeat(1020)))
                .hasMessageContaining("at most 1024 UTF-8 bytes, was 1028");
        assertThatThrownBy(() -> KEYS.sessionId("TENANT#1")).hasMessageContaining("TENANT#1");
        assertThatThrownBy(() -> KEYS.sessionId("SESSION# ")).hasMessageContaining("SESSION# ");
        assertThatThrownBy(() -> new SessionKeys("S#", "T#", "T#S#")).hasMessageContaining("must not overlap");
        assertThatThrownBy(() -> new SessionKeys("S#", "T1#", "X#")).hasMessageContaining("was 'T1#'");
        assertThatThrownBy(() -> KEYS.turnSortKeyRanges(0, 5)).hasMessageContaining("was 0..5");
        assertThatThrownBy(() -> KEYS.turnSortKeyRanges(6, 5)).hasMessageContaining("was 6..5");
    }

    @Test
    void shouldUseOneBetweenRangeWhenWindowStaysWithinSixDigits() {
        // WHEN / THEN
        assertThat(KEYS.turnSortKeyRanges(SummaryWindow.of(2, 10)))
                .containsExactly(new SortKeyRange("TURN#000011", "TURN#000020"));
    }

    @Test
    void shouldSplitRangeWhenWindowCrossesWidthBoundary() {
        // GIVEN the window 999,991..1,000,000, whose keys do not sort contiguously
        SummaryWindow window = SummaryWindow.of(100_000, 10);

        // WHEN / THEN one range per key width
        assertThat(KEYS.turnSortKeyRanges(window)).containsExactly(
                new SortKeyRange("TURN#999991", "TURN#999999"),
                new SortKeyRange("TURN#1000000", "TURN#1000000"));
        assertThat(KEYS.turnSortKeyRanges(Long.MAX_VALUE - 1, Long.MAX_VALUE)).containsExactly(
                new SortKeyRange("TURN#" + (Long.MAX_VALUE - 1), "TURN#" + Long.MAX_VALUE));
    }

    @Test
    void shouldHonourCustomPrefixesWhenConfigured() {
        // GIVEN other prefixes
        SessionKeys keys = new SessionKeys("CHAT|", "T|", "S|");

        // WHEN / THEN
        assertThat(keys.sessionPartitionKey("x")).isEqualTo("CHAT|x");
        assertThat(keys.turnSortKey(3)).isEqualTo("T|000003");
        assertThat(keys.summaryNumber("S|000004")).isEqualTo(4);
        assertThat(keys.isTurnSortKey("S|000004")).isFalse();
    }

    @Property
    void shouldRoundTripWhenAnyPositiveNumberIsFormatted(@ForAll @LongRange(min = 1) long number) {
        assertThat(KEYS.turnNumber(KEYS.turnSortKey(number))).isEqualTo(number);
        assertThat(KEYS.summaryNumber(KEYS.summarySortKey(number))).isEqualTo(number);
    }

    @Property
    void shouldSortLikeNumbersWhenKeysHaveSameWidth(
            @ForAll @LongRange(min = 1, max = 999_999) long a, @ForAll @LongRange(min = 1, max = 999_999) long b) {
        assertThat(Integer.signum(KEYS.turnSortKey(a).compareTo(KEYS.turnSortKey(b))))
                .isEqualTo(Long.signum(a - b));
    }

    @Property
    void shouldSelectExactlyTheRangeWhenRangesAreApplied(
            @ForAll @LongRange(min = 1, max = 20_000_000) long first, @ForAll @IntRange(max = 1_000) int span,
            @ForAll @IntRange(min = -3, max = 1_003) int offset) {
        assertRangesSelectExactly(first, first + span, first + offset);
    }

    @Property
    void shouldSelectExactlyTheRangeWhenItCrossesTheSevenDigitBoundary(
            @ForAll @LongRange(min = 999_000, max = 1_000_000) long first, @ForAll @IntRange(max = 1_000) int span,
            @ForAll @IntRange(min = -3, max = 1_003) int offset) {
        assertRangesSelectExactly(first, first + span, first + offset);
    }

    private static void assertRangesSelectExactly(long first, long last, long probe) {
        // GIVEN the ranges for first..last
        List<SortKeyRange> ranges = KEYS.turnSortKeyRanges(first, last);
        String key = KEYS.turnSortKey(Math.max(1, probe));

        // WHEN a key is tested against them the way DynamoDB would (byte order, inclusive)
        boolean selected = ranges.stream().anyMatch(r -> r.from().compareTo(key) <= 0 && key.compareTo(r.to()) <= 0);

        // THEN it is selected exactly when its number is in first..last
        long number = Math.max(1, probe);
        assertThat(selected).as("turn %d against %d..%d via %s", number, first, last, ranges)
                .isEqualTo(number >= first && number <= last);
    }
}
