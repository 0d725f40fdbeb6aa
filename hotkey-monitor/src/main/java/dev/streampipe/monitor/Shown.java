package dev.streampipe.monitor;

/**
 * A user's value as a message shows it: on one line (control characters escaped as {@code \n}, {@code \t} or
 * {@code \}{@code uXXXX}) and cut after a bound, saying so, so that a huge value cannot make a huge message.
 */
final class Shown {
    /** Characters of a quoted value shown before it is cut. */
    static final int MAX_QUOTED = 60;

    private Shown() {
    }

    /** {@code 'value'}, escaped, cut after {@value #MAX_QUOTED} characters with its length; {@code null} for null. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        int shown = shownLength(value, MAX_QUOTED);
        String quoted = "'" + escape(value, shown) + "'";
        return shown < value.length() ? quoted + "... (" + value.length() + " characters)" : quoted;
    }

    /** {@code text} escaped onto one line and cut after {@code max} characters, ending in {@code ...} when cut. */
    static String line(String text, int max) {
        int shown = shownLength(text, max);
        return escape(text, shown) + (shown < text.length() ? "..." : "");
    }

    private static int shownLength(String value, int max) {
        int shown = Math.min(value.length(), max);
        return shown < value.length() && shown > 0 && Character.isHighSurrogate(value.charAt(shown - 1))
                ? shown - 1 : shown; // never cut a surrogate pair in two
    }

    private static String escape(String value, int length) {
        StringBuilder sb = new StringBuilder(length + 8);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
