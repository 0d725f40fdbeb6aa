package dev.streampipe.local;

import dev.streampipe.core.record.Texts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of one command: {@code --name value} (or {@code --name=value}) pairs from a fixed set, each given at
 * most once, no positional argument. Every mistake, here or in the typed reads, is a {@link BadInputException} whose
 * message names the flag and shows the value as given ({@link #shown}). Reads nothing but the arguments.
 */
final class Flags {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)?");
    /** Longer than any number a range here admits, with room for leading zeros; spares parsing 100,000 digits. */
    private static final int LONGEST_NUMBER = 100;

    private final Map<String, String> values;

    private Flags(Map<String, String> values) {
        this.values = values;
    }

    /** Reads {@code args} (the arguments after the command's name) against the flags {@code known}. */
    static Flags parse(String command, List<String> args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String token = args.get(i);
            if (!token.startsWith("--")) {
                throw new BadInputException(command + " takes no argument " + shown(token) + options(known));
            }
            int equals = token.indexOf('=');
            String flag = equals < 0 ? token : token.substring(0, equals);
            if (!known.contains(flag)) {
                throw new BadInputException("unknown option " + shown(flag) + " for " + command + options(known));
            }
            String value;
            if (equals >= 0) {
                value = token.substring(equals + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new BadInputException(flag + " needs a value" + (i + 1 < args.size()
                        ? ", got the option " + shown(args.get(i + 1)) + " instead" : ""));
            }
            if (value.isBlank()) {
                throw new BadInputException(flag + " needs a value, was " + shown(value));
            }
            String first = values.putIfAbsent(flag, value);
            if (first != null) {
                throw new BadInputException(flag + " is given twice (" + shown(first) + " and " + shown(value)
                        + "); give it once");
            }
        }
        return new Flags(values);
    }

    /** The value as given, or empty when the flag is absent. */
    Optional<String> text(String flag) {
        return Optional.ofNullable(values.get(flag));
    }

    /** A whole number in {@code min..max}; {@code otherwise} when the flag is absent. */
    int integer(String flag, int otherwise, int min, int max) {
        String value = values.get(flag);
        if (value == null) {
            return otherwise;
        }
        return (int) Texts.wholeNumber(value.strip(), min, max).orElseThrow(() -> new BadInputException(flag
                + " must be a whole number from " + min + " to " + max + ", was " + shown(value)));
    }

    /** A decimal number (no NaN, infinity or hex) in {@code min..max}; {@code otherwise} when the flag is absent. */
    double decimal(String flag, double otherwise, double min, double max, String unit) {
        String value = values.get(flag);
        if (value == null) {
            return otherwise;
        }
        String range = " must be a number from " + plain(min) + " to " + plain(max) + " (" + unit + "), was "
                + shown(value);
        if (value.strip().length() > LONGEST_NUMBER || !DECIMAL.matcher(value.strip()).matches()) {
            throw new BadInputException(flag + range);
        }
        BigDecimal n;
        try {
            n = new BigDecimal(value.strip());
        } catch (NumberFormatException e) { // an exponent beyond int range: far outside any range
            throw new BadInputException(flag + range);
        }
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new BadInputException(flag + range);
        }
        return n.doubleValue();
    }

    /** A duration such as {@code 30s}, {@code 2m}, {@code 1h}, {@code 500ms} or {@code 45} (seconds). */
    Duration duration(String flag, Duration otherwise, Duration min, Duration max) {
        String value = values.get(flag);
        if (value == null) {
            return otherwise;
        }
        String rule = " must be a duration from " + label(min) + " to " + label(max) + " such as 30s, 2m or 1500ms, was "
                + shown(value);
        Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (value.strip().length() > LONGEST_NUMBER || !m.matches()) {
            throw new BadInputException(flag + rule);
        }
        BigInteger amount = new BigInteger(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigInteger millis = amount.multiply(BigInteger.valueOf(switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            default -> 3_600_000L;
        }));
        if (millis.compareTo(BigInteger.valueOf(min.toMillis())) < 0
                || millis.compareTo(BigInteger.valueOf(max.toMillis())) > 0) {
            throw new BadInputException(flag + rule);
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    /** A path as given (not yet checked against the file system); {@code otherwise} when the flag is absent. */
    Path path(String flag, Path otherwise) {
        String value = values.get(flag);
        if (value == null) {
            return otherwise;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new BadInputException(flag + " is not a valid path: " + shown(value) + " (" + e.getReason() + ")");
        }
    }

    /**
     * A value for a message: quoted, control and format characters escaped (a value must not move the cursor or
     * turn the text around on the reader's terminal), cut after 60 characters with its length given: {@link Texts#shown}.
     */
    static String shown(String value) {
        return Texts.shown(value);
    }

    private static String options(Set<String> known) {
        return " (its options: " + String.join(" ", known) + ")";
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String label(Duration d) {
        if (d.toMillis() % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1_000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
