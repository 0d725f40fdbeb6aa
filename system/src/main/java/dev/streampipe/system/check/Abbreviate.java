package dev.streampipe.system.check;

/** Values from the input as messages show them: whole up to {@value #MAX_SHOWN} characters, else cut, saying so. */
final class Abbreviate {
    static final int MAX_SHOWN = 120;
    private static final int KEPT = 100;

    private Abbreviate() {
    }

    /** {@code text} itself, or its first 100 characters, an ellipsis and the full length. */
    static String text(String text) {
        if (text.length() <= MAX_SHOWN) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(KEPT - 1)) ? KEPT - 1 : KEPT;
        return text.substring(0, end) + "… (" + text.length() + " characters)";
    }
}
