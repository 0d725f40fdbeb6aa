package dev.streampipe.core.batch;

import java.util.Objects;

/**
 * Why a message was not delivered. A retryable failure (throttling, a service error, time running out) makes the
 * record come again; a permanent one (too large, rejected as invalid) makes the record a poison record.
 */
public record Failure(boolean retryable, String reason) {
    public Failure {
        Objects.requireNonNull(reason, "reason");
    }

    public static Failure retryable(String reason) {
        return new Failure(true, reason);
    }

    public static Failure permanent(String reason) {
        return new Failure(false, reason);
    }
}
