package dev.streampipe.summary;

import java.util.Objects;

/**
 * One decoded conversation turn.
 *
 * @param number turn number, 1 or more
 * @param role   who spoke ({@code user}, {@code assistant}, ...; {@code unknown} when the item has none)
 * @param text   the turn's content as text (decompressed when stored compressed)
 */
public record Turn(long number, String role, String text) {
    public Turn {
        if (number < 1) {
            throw new IllegalArgumentException("turn number must be >= 1, was " + number);
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }
}
