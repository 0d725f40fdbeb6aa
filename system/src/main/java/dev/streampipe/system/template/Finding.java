package dev.streampipe.system.template;

import java.util.Objects;

/**
 * One broken invariant.
 *
 * @param check    stable name of the check that found it (e.g. {@code references})
 * @param location where in the template, e.g. {@code Resources.RouterRole.Properties.Policies[0]}
 * @param message  what is wrong, naming the offending value
 */
public record Finding(String check, String location, String message) {
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank, check was " + check);
        }
    }

    @Override
    public String toString() {
        return "[" + check + "] " + location + ": " + message;
    }
}
