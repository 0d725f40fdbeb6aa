package dev.streampipe.monitor.alert;

import dev.streampipe.hotkey.alert.AlertMessages;
import dev.streampipe.hotkey.alert.AlertSink;
import dev.streampipe.hotkey.alert.KeyAlert;
import dev.streampipe.hotkey.alert.TableSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends each alert as one line of JSON (the SNS body of {@link AlertMessages#json}) to a file and
 * flushes it, so a reader tailing the file sees alerts as they happen. Snapshots are not written (one
 * per second would bury the alerts). Closing the sink closes the file.
 */
public final class FileAlertSink implements AlertSink {

    private final Path file;
    private final BufferedWriter writer;

    /** Opens {@code file} for appending, creating it and its directory if needed. */
    public FileAlertSink(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open alert file " + file, e);
        }
    }

    @Override
    public void publishMetrics(List<TableSnapshot> snapshots) {
        // alerts only; see the class comment
    }

    @Override
    public synchronized void publishAlert(KeyAlert alert) {
        try {
            writer.write(AlertMessages.json(alert));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to alert file " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close alert file " + file, e);
        }
    }
}
