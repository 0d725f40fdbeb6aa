package dev.streampipe.emulator;

/**
 * Python or moto's server is missing (or too old) on this machine. The message says what is missing and gives
 * {@link MotoServer#INSTALL_COMMAND}; nothing was started. Command-line tools exit with code 2 on it.
 */
public final class MotoUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MotoUnavailableException(String message) {
        super(message);
    }
}
