package dev.streampipe.check.internal;

import java.util.Objects;

/**
 * How a template sets one {@link MappingSetting}.
 *
 * @param setting the setting
 * @param kind    absent, not known from the template, valid, or invalid (rejected by Lambda or Pipes)
 * @param text    the value's text when valid or invalid as a literal or a parameter's default; empty otherwise
 * @param written the value as the template gives it, for messages ({@code 'ten'}, {@code a list}, {@code null},
 *                {@code '-5' (the default of parameter Retries)}); abbreviated when long
 */
record SettingValue(MappingSetting setting, Kind kind, String text, String written) {

    /** What the template says about the setting. */
    enum Kind {
        /** Not set: the service's default applies. */
        ABSENT,
        /** Set by an intrinsic function the template alone cannot evaluate: not judged. */
        UNRESOLVED,
        /** Set to a value the service accepts. */
        VALID,
        /** Set to a value the service rejects. */
        INVALID
    }

    SettingValue {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(written, "written");
    }

    /** The whole number of a valid numeric setting. */
    long whole() {
        if (kind != Kind.VALID) {
            throw new IllegalStateException(setting.property() + " is " + kind + ", not a valid number");
        }
        return Long.parseLong(text);
    }

    /** True for a valid boolean setting set to true. */
    boolean isTrue() {
        return kind == Kind.VALID && text.equalsIgnoreCase("true");
    }

    /** Why the value is invalid: {@code MaximumRetryAttempts is 'ten': not a whole number in -1..10000}. */
    String problem() {
        return setting.property() + " is " + written + ": not " + setting.expected();
    }
}
