package dev.streampipe.monitor;

import dev.streampipe.core.record.Texts;

/**
 * A user's value as a message shows it: on one line (control characters escaped as {@code \n}, {@code \t} or
 * {@code \}{@code uXXXX}) and cut after a bound ({@link Texts#abbreviate}, which says so), so that a huge value
 * cannot make a huge message.
 */
final class Shown {
    /** Characters of a quoted value shown before it is cut. */
    static final int MAX_QUOTED = 60;

    private Shown() {
    }

    /** {@code 'value'}, cut after {@value #MAX_QUOTED} characters and escaped; {@code null} for null. */
    static String quote(String value) {
        return value == null ? "null" : "'" + escape(Texts.abbreviate(value, MAX_QUOTED)) + "'";
    }

    /** {@code text} cut after {@code max} characters and escaped onto one line. */
    static String line(String text, int max) {
        return escape(Texts.abbreviate(text, max));
    }

    private static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
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
