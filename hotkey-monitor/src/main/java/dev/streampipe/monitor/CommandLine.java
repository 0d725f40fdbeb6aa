package dev.streampipe.monitor;

import dev.streampipe.core.record.Texts;
import java.util.Optional;

/**
 * The jar's arguments: {@code [--config <file> | --config=<file>] [--help]}.
 *
 * @param configFile the properties file {@code --config} names; empty when not given
 * @param help       whether {@code --help} (or {@code -h}) asked for the usage
 */
record CommandLine(Optional<String> configFile, boolean help) {
    /** The one-line usage. */
    static final String USAGE = "usage: java -jar hotkey-monitor.jar [--config <file>] [--help]";

    private static final String CONFIG = "--config";

    CommandLine {
        configFile.ifPresent(file -> {
            if (file.isBlank()) {
                throw new InvalidConfigException(CONFIG + " needs a file path, was " + Texts.shown(file) + "; " + USAGE);
            }
        });
    }

    /** @throws InvalidConfigException naming the argument that is unknown, repeated or lacks its value */
    static CommandLine parse(String... args) {
        String file = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            if (arg.equals(CONFIG)) {
                if (i + 1 == args.length) {
                    throw new InvalidConfigException(CONFIG + " needs a file path after it; " + USAGE);
                }
                value = args[++i];
            } else if (arg.startsWith(CONFIG + "=")) {
                value = arg.substring(CONFIG.length() + 1);
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else {
                throw new InvalidConfigException("unknown argument " + Texts.shown(arg) + "; " + USAGE);
            }
            if (value != null && file != null) {
                throw new InvalidConfigException(CONFIG + " given twice, " + Texts.shown(file) + " and "
                        + Texts.shown(value) + "; " + USAGE);
            }
            file = value == null ? file : value;
        }
        return new CommandLine(Optional.ofNullable(file), help);
    }
}
