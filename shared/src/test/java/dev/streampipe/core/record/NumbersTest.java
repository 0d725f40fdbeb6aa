package dev.streampipe.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DynamoDB's number rules (38 significant digits; zero or a magnitude from 1E-130 to below 1E+126), checked against an
 * oracle built on {@link BigDecimal}.
 */
class NumbersTest {
    private static final Pattern GRAMMAR = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    /** The rules, the slow way: only for texts short enough for BigDecimal to be cheap. */
    private static boolean oracle(String s) {
        if (s.length() > Numbers.MAX_LENGTH || !GRAMMAR.matcher(s).matches()) {
            return false;
        }
        String[] parts = s.split("[eE]");
        if (parts[0].chars().noneMatch(c -> c >= '1' && c <= '9')) {
            // zero, with an exponent BigDecimal holds (at most 1,000 either way)
            return parts.length == 1 || new java.math.BigInteger(parts[1]).abs().compareTo(java.math.BigInteger.valueOf(1000)) <= 0;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(s);
        } catch (NumberFormatException e) {
            return false; // an exponent beyond int range
        }
        if (d.signum() == 0) {
            return true;
        }
        BigDecimal stripped = d.stripTrailingZeros();
        long leading = (long) stripped.precision() - stripped.scale() - 1;
        return stripped.precision() <= 38 && leading >= -130 && leading <= 125;
    }

    @Provide
    Arbitrary<String> numberTexts() {
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> zeros = Arbitraries.integers().between(0, 3).map("0"::repeat);
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(45);
        Arbitrary<String> fraction = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(140).map(f -> "." + f));
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                        Arbitraries.integers().between(0, 260)).as((e, s, n) -> e + s + n),
                Arbitraries.of("e9999999999", "e-9999999999", "e2147483648", "E+", "e"));
        return Combinators.combine(sign, zeros, digits, fraction, exponent).as((a, b, c, d, e) -> a + b + c + d + e);
    }

    @Property(tries = 3000)
    void shouldAgreeWithTheBigDecimalOracleOnEveryNumberText(@ForAll("numberTexts") String text) {
        // GIVEN a text shaped like a number, inside or outside DynamoDB's rules
        // WHEN both judge it
        boolean ours = Numbers.isDynamoNumber(text);

        // THEN they agree, and a refusal says why
        Statistics.label("verdict").collect(ours ? "a DynamoDB number" : "refused");
        assertThat(ours).as(text).isEqualTo(oracle(text));
        if (!ours) {
            assertThat(Numbers.problem(text)).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "0e1000", "0E-1000", "1E-130", "-1e-130", "9.9999999999999999999999999999999999999E+125",
            "12345678901234567890123456789012345678", "1" + "000000000000000000000000000000000000000000", "0.5", "00012.3400",
            "1.", ".5"})
    void shouldAcceptNumbersAtDynamoDbsLimits(String text) {
        // GIVEN / WHEN / THEN each is a DynamoDB number
        assertThat(Numbers.problem(text)).as(text).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+126", "1e-131", "9.99999999999999999999999999999999999999E+125",
            "123456789012345678901234567890123456789", "1e9999999999", "0e9999999999", "-0e1001", "", ".", "-", "1e", "0x10", "NaN", "1,5"})
    void shouldRefuseNumbersBeyondDynamoDbsLimits(String text) {
        // GIVEN / WHEN / THEN each is refused, and N says why, naming the text
        assertThat(Numbers.problem(text)).as(text).isNotNull();
        assertThatThrownBy(() -> new AttributeValue.N(text)).isInstanceOf(InvalidAttributeException.class)
                .hasMessageStartingWith("not a DynamoDB number: '" + Texts.abbreviate(text, 40) + "'");
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 1_000_000})
    void shouldRefuseALongTextBeforeReadingIt(int length) {
        // GIVEN a text of digits longer than any DynamoDB number
        String text = "1".repeat(length);

        // WHEN / THEN it is refused for its length, and the message shows only its start
        assertThat(Numbers.problem(text)).startsWith(length + " characters long");
        assertThatThrownBy(() -> new AttributeValue.N(text)).hasMessageContaining("characters in all")
                .matches(e -> e.getMessage().length() < 300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1e19", "-9223372036854775809"})
    void shouldThrowInvalidAttributeWhenALongIsAskedOfANumberThatIsNone(String text) {
        // GIVEN a DynamoDB number with a fraction or beyond the long range
        AttributeValue.N n = new AttributeValue.N(text);

        // WHEN / THEN longValue is a fact about the data (poison for the route), not an ArithmeticException (a bug)
        assertThatThrownBy(n::longValue).isInstanceOf(InvalidAttributeException.class).hasMessageContaining(text);
    }
}
