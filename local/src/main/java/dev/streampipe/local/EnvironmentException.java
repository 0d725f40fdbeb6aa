package dev.streampipe.local;

/**
 * The command was right but what it runs against failed: a service it could not reach, an output it could not write
 * (a full disk, a closed pipe). The message names the endpoint or the file; the command line prints it on one
 * {@code error:} line, no stack trace, and exits with {@link StreampipeLocal#EXIT_ENVIRONMENT}. Running again once
 * the environment is mended may succeed; nothing about the arguments needs to change.
 */
final class EnvironmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EnvironmentException(String message) {
        super(message);
    }

    EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
