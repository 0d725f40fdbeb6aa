package dev.streampipe.monitor;

import dev.streampipe.core.record.Texts;
import dev.streampipe.monitor.alert.FileAlertSink;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the jar runs, read and checked before any client is built or thread started: the configuration (file
 * overlaid by the environment), the emulator endpoint, and the alert file, opened for appending (the one check that
 * tells for sure whether it can be written).
 *
 * @param config           the monitor's configuration
 * @param emulatorEndpoint {@code DYNAMODB_ENDPOINT}; empty for AWS
 * @param alertFile        the open {@code ALERT_FILE} sink; empty when none is configured
 */
record Launch(MonitorConfig config, Optional<URI> emulatorEndpoint, Optional<FileAlertSink> alertFile) {

    /**
     * Reads and checks everything the command line and environment say.
     *
     * @throws InvalidConfigException naming every bad setting (or the bad argument, or the unreadable file)
     */
    static Launch prepare(CommandLine line, Map<String, String> environment) {
        Map<String, String> settings = settings(line, environment);
        MonitorConfig config = MonitorSettings.parse(settings);
        Optional<URI> endpoint = MonitorSettings.emulatorEndpoint(settings);
        return new Launch(config, endpoint, config.alertFile().map(Launch::openAlertFile));
    }

    /** Merges the file named by {@code --config} (or {@code CONFIG_FILE}) with the environment. */
    static Map<String, String> settings(CommandLine line, Map<String, String> environment) {
        String fromEnvironment = environment.get(MonitorSettings.CONFIG_FILE);
        Map<String, String> file = line.configFile().map(name -> ConfigFile.read("--config", name))
                .orElseGet(() -> fromEnvironment == null || fromEnvironment.isBlank() ? Map.of()
                        : ConfigFile.read(MonitorSettings.CONFIG_FILE, fromEnvironment.strip()));
        return MonitorSettings.merge(file, environment);
    }

    /**
     * Opens {@code file} for appending alerts: its directory must exist.
     *
     * @throws InvalidConfigException naming {@code ALERT_FILE} when the file cannot be opened for appending
     */
    static FileAlertSink openAlertFile(Path file) {
        String where = MonitorSettings.ALERT_FILE + " " + Texts.shown(file.toString());
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new InvalidConfigException(where + " is a directory; name a file in it");
        }
        if (directory != null && !Files.isDirectory(directory)) {
            throw new InvalidConfigException(where + ": " + Texts.shown(directory.toString())
                    + (Files.exists(directory) ? " is not a directory" : " does not exist"));
        }
        if (Files.exists(absolute) ? !Files.isWritable(absolute) : directory != null && !Files.isWritable(directory)) {
            throw new InvalidConfigException(where + " is not writable");
        }
        try {
            return new FileAlertSink(file);
        } catch (UncheckedIOException e) {
            throw new InvalidConfigException(where + " cannot be opened for appending: "
                    + e.getCause().getClass().getSimpleName() + " " + Texts.shown(String.valueOf(e.getCause().getMessage())));
        }
    }
}
