package dev.streampipe.core.record;

/** Bounds on texts that come from records (values, reasons), so one huge value cannot blow up a message. */
public final class Texts {
    private Texts() {
    }

    /**
     * {@code s} when it has at most {@code max} characters; else its first {@code max} characters (never half a
     * surrogate pair) followed by {@code "... (N characters in all)"}, so a reader sees it was cut.
     */
    public static String abbreviate(String s, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        if (s == null || s.length() <= max) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, cut) + "... (" + s.length() + " characters in all)";
    }
}
