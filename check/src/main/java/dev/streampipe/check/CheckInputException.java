package dev.streampipe.check;

/** The input is not something {@code check} can judge (unreadable, not a template, bad config): exit code 2. */
public final class CheckInputException extends RuntimeException {
    public CheckInputException(String message) {
        super(message);
    }

    public CheckInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
