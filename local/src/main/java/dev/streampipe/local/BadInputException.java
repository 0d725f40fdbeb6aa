package dev.streampipe.local;

import java.util.Optional;

/**
 * A user's mistake the command found before or while it ran: an argument (the message names the flag and the value),
 * a file that is missing or is not what it should be, a configuration the AWS SDK cannot use, a request a service
 * refused. The command line prints its message on one {@code error:} line, no stack trace, and exits with
 * {@link StreampipeLocal#EXIT_BAD_INPUT}.
 */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String usage;

    BadInputException(String message) {
        this(message, null, null);
    }

    BadInputException(String message, Throwable cause) {
        this(message, null, cause);
    }

    private BadInputException(String message, String usage, Throwable cause) {
        super(message, cause);
        this.usage = usage;
    }

    /** This mistake in a command's arguments, with the command's usage line to show under it. */
    BadInputException inArguments(String usageLine) {
        return new BadInputException(getMessage(), usageLine, this);
    }

    /** The usage line of the command whose arguments are wrong, if the mistake is in them. */
    Optional<String> usage() {
        return Optional.ofNullable(usage);
    }
}
