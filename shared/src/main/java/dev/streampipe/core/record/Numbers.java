package dev.streampipe.core.record;

/**
 * DynamoDB's number rules, checked in one pass over the text without allocating: an optional sign, digits with an
 * optional fraction, an optional exponent; at most {@value #MAX_SIGNIFICANT_DIGITS} significant digits; zero, or a
 * magnitude from 1E-130 up to (not including) 1E+126. A text longer than {@value #MAX_LENGTH} characters is refused
 * before it is read: no DynamoDB number needs more, and nothing downstream ({@code BigDecimal}, a message) then
 * works on an unbounded value.
 */
final class Numbers {
    /** The most significant digits DynamoDB keeps. */
    static final int MAX_SIGNIFICANT_DIGITS = 38;
    /** Sign, 130 zeros after the point, 38 digits and an exponent fit with room to spare. */
    static final int MAX_LENGTH = 200;
    /** The decimal exponent of the leading digit: 1E-130 is the smallest magnitude, 9.99..E+125 the largest. */
    private static final int MIN_EXPONENT = -130;
    private static final int MAX_EXPONENT = 125;
    /** Far beyond any exponent a DynamoDB number needs, far within what {@code BigDecimal} reads. */
    private static final int MAX_ZERO_EXPONENT = 1_000;

    private Numbers() {
    }

    static boolean isDynamoNumber(String s) {
        return problem(s) == null;
    }

    /** Why {@code s} is not a DynamoDB number, or {@code null} when it is one. */
    static String problem(String s) {
        if (s == null) {
            return "null";
        }
        int n = s.length();
        if (n > MAX_LENGTH) {
            return n + " characters long (a DynamoDB number needs at most " + MAX_LENGTH + ")";
        }
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        int pointAt = -1;          // digits before the decimal point
        int firstNonZero = -1;     // index among all digits
        int lastNonZero = -1;
        while (i < n && (isDigit(s.charAt(i)) || (s.charAt(i) == '.' && pointAt < 0))) {
            char c = s.charAt(i++);
            if (c == '.') {
                pointAt = digits;
                continue;
            }
            if (c != '0') {
                if (firstNonZero < 0) {
                    firstNonZero = digits;
                }
                lastNonZero = digits;
            }
            digits++;
        }
        if (digits == 0) {
            return "not a number";
        }
        long exponent = 0;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            boolean negative = false;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                negative = s.charAt(i) == '-';
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                // Saturate: any exponent beyond 10^9 is out of range for a non-zero number anyway.
                exponent = Math.min(exponent * 10 + (s.charAt(i) - '0'), 1_000_000_000L);
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return "not a number";
            }
            exponent = negative ? -exponent : exponent;
        }
        if (i != n) {
            return "not a number";
        }
        if (firstNonZero < 0) {
            // Zero, whatever its exponent, as long as the exponent is one a BigDecimal can hold.
            return Math.abs(exponent) <= MAX_ZERO_EXPONENT ? null : "zero with an exponent beyond any number's";
        }
        int significant = lastNonZero - firstNonZero + 1;
        if (significant > MAX_SIGNIFICANT_DIGITS) {
            return significant + " significant digits (DynamoDB keeps at most " + MAX_SIGNIFICANT_DIGITS + ")";
        }
        int integerDigits = pointAt < 0 ? digits : pointAt;
        long leading = exponent + integerDigits - firstNonZero - 1; // the exponent of the leading digit
        if (leading > MAX_EXPONENT) {
            return "magnitude above DynamoDB's largest number (9.9999999999999999999999999999999999999E+125)";
        }
        if (leading < MIN_EXPONENT) {
            return "magnitude below DynamoDB's smallest non-zero number (1E-130)";
        }
        return null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
