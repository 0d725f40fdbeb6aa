package dev.streampipe.core.record;

/**
 * A stream sequence number: a decimal string of up to ~40 digits, ordered numerically (not lexically), kept
 * verbatim because Lambda's {@code batchItemFailures} must echo it exactly.
 */
public record SequenceNumber(String value) implements Comparable<SequenceNumber> {

    public SequenceNumber {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("sequence number must be a non-empty decimal string, was '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("sequence number must be decimal digits, was '" + value + "'");
            }
        }
    }

    public static SequenceNumber of(String value) {
        return new SequenceNumber(value);
    }

    @Override
    public int compareTo(SequenceNumber other) {
        String a = stripZeros(value);
        String b = stripZeros(other.value);
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    @Override
    public String toString() {
        return value;
    }
}
