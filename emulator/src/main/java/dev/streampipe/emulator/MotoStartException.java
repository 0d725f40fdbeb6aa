package dev.streampipe.emulator;

/** moto is installed but its server did not come up: the message carries the end of its output. */
public final class MotoStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MotoStartException(String message) {
        super(message);
    }

    public MotoStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
