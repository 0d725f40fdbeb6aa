package dev.streampipe.system.check;

/**
 * Values from the input as messages show them: on one line (control characters and line separators escaped as
 * {@code \n}, {@code \t}, {@code \u2028}...), and whole up to {@value #MAX_SHOWN} characters, else cut, saying so.
 */
final class Abbreviate {
    static final int MAX_SHOWN = 120;
    private static final int KEPT = 100;

    private Abbreviate() {
    }

    /** {@code text} on one line, whole or its first 100 characters, an ellipsis and the full length. */
    static String text(String text) {
        if (text.length() <= MAX_SHOWN) {
            return oneLine(text);
        }
        int end = Character.isHighSurrogate(text.charAt(KEPT - 1)) ? KEPT - 1 : KEPT;
        return oneLine(text.substring(0, end)) + "… (" + text.length() + " characters)";
    }

    /** {@code text} with every control character and line or paragraph separator escaped; nothing cut. */
    static String oneLine(String text) {
        StringBuilder line = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (escape && line == null) {
                line = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (line != null) {
                line.append(escape ? escaped(c) : String.valueOf(c));
            }
        }
        return line == null ? text : line.toString();
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
