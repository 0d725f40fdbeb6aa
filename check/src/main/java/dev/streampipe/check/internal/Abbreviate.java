package dev.streampipe.check.internal;

import dev.streampipe.core.record.Texts;

/**
 * Values from the input as {@code check}'s messages show them: on one line and whole up to {@value #MAX_SHOWN}
 * characters, else cut, saying so ({@link Texts#oneLine}, {@link Texts#abbreviate}).
 */
public final class Abbreviate {
    public static final int MAX_SHOWN = 120;

    private Abbreviate() {
    }

    /** {@code text} on one line, whole or its first {@value #MAX_SHOWN} characters and its full length. */
    public static String text(String text) {
        return Texts.oneLine(Texts.abbreviate(text, MAX_SHOWN));
    }

    /** {@code text} on one line; nothing cut. */
    public static String oneLine(String text) {
        return Texts.oneLine(text);
    }
}
