package dev.streampipe.core.topology;

/** Checks shared by the per-message sink options; each names the option and the bad value. */
final class OptionText {
    private OptionText() {
    }

    /** {@code value} if it is 1..{@code max} printable ASCII characters other than space; throws otherwise. */
    static String printableId(String what, String value, int max) {
        length(what, value, max);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(what + " may hold only letters, digits and punctuation, was '"
                        + value + "' (character " + i + ")");
            }
        }
        return value;
    }

    /** {@code value} if it is 1..{@code max} characters and not blank; throws otherwise. */
    static String text(String what, String value, int max) {
        length(what, value, max);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, was '" + value + "'");
        }
        return value;
    }

    static void length(String what, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters, was "
                    + (value == null ? "null" : "'" + value + "' (" + value.length() + ")"));
        }
    }
}
