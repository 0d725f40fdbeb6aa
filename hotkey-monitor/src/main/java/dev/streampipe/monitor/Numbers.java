package dev.streampipe.monitor;

import dev.streampipe.core.record.Texts;
import java.math.BigDecimal;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Reads the numbers a setting holds exactly: ASCII decimal digits with an optional sign (no exponent, no hex, no
 * {@code NaN} or {@code Infinity}, no other script's digits), compared with their range before any conversion, so
 * a huge value is out of range and never wraps around: integers through the core's {@link Texts#wholeNumber}; a
 * decimal text longer than {@value #MAX_LENGTH} characters is not read at all.
 */
final class Numbers {
    /** Longest text read as a decimal number; every range here fits in far fewer digits. */
    static final int MAX_LENGTH = 40;

    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

    private Numbers() {
    }

    /** The integer {@code text} writes, when it lies in {@code min..max}; empty for anything else. */
    static OptionalLong integer(String text, long min, long max) {
        return Texts.wholeNumber(text, min, max);
    }

    /**
     * The decimal number {@code text} writes, when it lies in the range {@code (above, atMost]}; empty for
     * anything else.
     */
    static OptionalDouble decimal(String text, double above, double atMost) {
        if (text.length() > MAX_LENGTH || !DECIMAL.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        BigDecimal value = new BigDecimal(text);
        return value.compareTo(BigDecimal.valueOf(above)) > 0 && value.compareTo(BigDecimal.valueOf(atMost)) <= 0
                ? OptionalDouble.of(value.doubleValue()) : OptionalDouble.empty();
    }
}
