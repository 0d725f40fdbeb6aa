package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlagsTest {
    private static final Set<String> KNOWN = Set.of("--n", "--rate", "--time", "--path");

    @Test
    void shouldReadBothFormsWhenFlagsAreGivenWithSpaceOrEquals() {
        // GIVEN --n with a space and --rate with '='
        // WHEN they are read
        Flags flags = Flags.parse("cmd", List.of("--n", "7", "--rate=2.5"), KNOWN);

        // THEN both values are there, and an absent flag takes the default
        assertThat(flags.integer("--n", 1, 1, 10)).isEqualTo(7);
        assertThat(flags.decimal("--rate", 1, 0.1, 10, "per second")).isEqualTo(2.5);
        assertThat(flags.duration("--time", Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofHours(1)))
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void shouldNameTheFlagWhenItHasNoValue() {
        // GIVEN a flag at the end and a flag followed by another flag
        // WHEN they are read THEN each error names the flag (and what came instead)
        assertThatThrownBy(() -> Flags.parse("cmd", List.of("--n"), KNOWN))
                .isInstanceOf(BadInputException.class).hasMessage("--n needs a value");
        assertThatThrownBy(() -> Flags.parse("cmd", List.of("--path", "--n", "3"), KNOWN))
                .hasMessage("--path needs a value, got the option '--n' instead");
        assertThatThrownBy(() -> Flags.parse("cmd", List.of("--path="), KNOWN))
                .hasMessage("--path needs a value, was ''");
        assertThatThrownBy(() -> Flags.parse("cmd", List.of("--path", " "), KNOWN))
                .hasMessage("--path needs a value, was ' '");
    }

    @Test
    void shouldRefuseAFlagGivenTwiceWhenBothValuesDiffer() {
        assertThatThrownBy(() -> Flags.parse("cmd", List.of("--n", "5", "--n=6"), KNOWN))
                .isInstanceOf(BadInputException.class).hasMessage("--n is given twice ('5' and '6'); give it once");
    }

    @Test
    void shouldNameUnknownFlagsAndStrayArgumentsWhenGiven() {
        assertThatThrownBy(() -> Flags.parse("cmd", List.of("--nope", "1"), KNOWN))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("unknown option '--nope' for cmd")
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> Flags.parse("cmd", List.of("-n", "1"), KNOWN))
                .hasMessageStartingWith("cmd takes no argument '-n'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "0", "11", "99999999999999999999", "abc", "1.5", "0x10", "\u0663", "5 5", "+"})
    void shouldNameFlagAndValueWhenAWholeNumberIsOutOfRangeOrNotOne(String value) {
        // GIVEN a value that is not a whole number in 1..10 (Arabic-Indic three included: Integer.parseInt takes it)
        Flags flags = Flags.parse("cmd", List.of("--n", value), KNOWN);

        // WHEN it is read THEN the error names flag, range and value
        assertThatThrownBy(() -> flags.integer("--n", 1, 1, 10)).isInstanceOf(BadInputException.class)
                .hasMessage("--n must be a whole number from 1 to 10, was " + Flags.shown(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "0", "-1", "0.05", "10.0001", "1e9999999999", "1e400",
        "0x1p3", "1d", "1f", ".", "1e-400"})
    void shouldNameFlagAndValueWhenADecimalIsOutOfRangeOrNotANumber(String value) {
        // GIVEN a value that is not a decimal in 0.1..10 (Double.parseDouble takes NaN, hex and 1d)
        Flags flags = Flags.parse("cmd", List.of("--rate", value), KNOWN);

        // WHEN it is read THEN the error names flag, range, unit and value
        assertThatThrownBy(() -> flags.decimal("--rate", 1, 0.1, 10, "per second"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--rate must be a number from 0.1 to 10 (per second), was " + Flags.shown(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "999ms", "-5s", "25h", "1441m", "99999999999999999999s",
        "9223372036854775807m", "1.5s", "30 seconds", "s", "P1D"})
    void shouldNameFlagAndValueWhenADurationIsOutOfRangeOrMalformed(String value) {
        Flags flags = Flags.parse("cmd", List.of("--time", value), KNOWN);

        assertThatThrownBy(() -> flags.duration("--time", Duration.ofSeconds(60), Duration.ofSeconds(1),
                Duration.ofHours(24))).isInstanceOf(BadInputException.class)
                .hasMessage("--time must be a duration from 1s to 24h such as 30s, 2m or 1500ms, was "
                        + Flags.shown(value));
    }

    @Test
    void shouldReadEveryUnitWhenDurationsAreWellFormed() {
        Duration min = Duration.ofSeconds(1);
        Duration max = Duration.ofHours(24);
        assertThat(Flags.parse("c", List.of("--time", "1500ms"), KNOWN).duration("--time", min, min, max))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(Flags.parse("c", List.of("--time", "45"), KNOWN).duration("--time", min, min, max))
                .isEqualTo(Duration.ofSeconds(45));
        assertThat(Flags.parse("c", List.of("--time", "2M"), KNOWN).duration("--time", min, min, max))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(Flags.parse("c", List.of("--time", "24h"), KNOWN).duration("--time", min, min, max))
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void shouldNameTheFlagWhenAPathCannotBeOne() {
        Flags flags = Flags.parse("cmd", List.of("--path", "a\u0000b"), KNOWN);

        assertThatThrownBy(() -> flags.path("--path", null)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--path is not a valid path: 'a\\u0000b'");
    }

    @Test
    void shouldEscapeAndCutAValueWhenItHoldsControlsOrIsLong() {
        // GIVEN a value with an escape sequence, a right-to-left override and a 10,000-character one
        // WHEN they are shown THEN nothing reaches the terminal raw, and the long one says how long it was
        assertThat(Flags.shown("a\u001b[2Jb\u202e")).isEqualTo("'a\\u001b[2Jb\\u202e'");
        assertThat(Flags.shown("x".repeat(10_000))).isEqualTo("'" + "x".repeat(60) + "... (10000 characters in all)'");
        assertThat(Flags.shown("\uD83D\uDE00ok")).isEqualTo("'\uD83D\uDE00ok'");
    }
}
