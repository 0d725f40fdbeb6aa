package dev.streampipe.system.check;

import dev.streampipe.core.record.Texts;

/**
 * Values from the input as {@code check}'s messages show them: on one line and whole up to {@value #MAX_SHOWN}
 * characters, else cut, saying so ({@link Texts#oneLine}, {@link Texts#abbreviate}).
 */
final class Abbreviate {
    static final int MAX_SHOWN = 120;

    private Abbreviate() {
    }

    /** {@code text} on one line, whole or its first {@value #MAX_SHOWN} characters and its full length. */
    static String text(String text) {
        return Texts.oneLine(Texts.abbreviate(text, MAX_SHOWN));
    }

    /** {@code text} on one line; nothing cut. */
    static String oneLine(String text) {
        return Texts.oneLine(text);
    }
}
