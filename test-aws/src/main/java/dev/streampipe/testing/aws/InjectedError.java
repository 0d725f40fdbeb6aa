package dev.streampipe.testing.aws;

import java.util.Objects;
import java.util.Set;

/**
 * An error the loopback endpoint answers with, for a whole call or for one entry of a batch.
 *
 * <p>For per-entry failures only {@link #code()} and {@link #message()} reach the client (inside a
 * successful batch response); {@link #httpStatus()} is used when the error fails a whole call.
 *
 * @param code       the service error code, e.g. {@code ThrottlingException}
 * @param message    the error message
 * @param httpStatus HTTP status for a whole-call failure, 400..599
 */
public record InjectedError(String code, String message, int httpStatus) {

    private static final Set<String> SERVER_FAULTS = Set.of("InternalFailure", "InternalError",
            "InternalException", "InternalServerException", "InternalServiceFault", "ServiceException",
            "ServiceUnavailableException", "ServiceUnavailable", "ModelNotReadyException");

    public InjectedError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (code.isBlank()) {
            throw new IllegalArgumentException("code must not be blank, was '" + code + "'");
        }
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be 400..599, was " + httpStatus);
        }
    }

    /**
     * An error with a default message and the status the service family uses for that code: 500 for
     * internal/unavailable faults, 429 for {@code TooManyRequestsException}, 400 otherwise.
     */
    public static InjectedError of(String code) {
        int status = SERVER_FAULTS.contains(code) ? 500 : "TooManyRequestsException".equals(code) ? 429 : 400;
        return new InjectedError(code, "injected by loopback endpoint: " + code, status);
    }

    /** True for server-side faults (status 5xx); SNS and SQS report these with {@code SenderFault=false}. */
    public boolean serverFault() {
        return httpStatus >= 500;
    }
}
