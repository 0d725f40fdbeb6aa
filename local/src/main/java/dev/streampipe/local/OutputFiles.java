package dev.streampipe.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The run's output folder: the functions' logs (what CloudWatch Logs would hold, one JSON line each; the router's
 * audit lines among them), the monitor's alert file, and the reports. moto's log and the libraries' log
 * ({@code streampipe-local.log}) are written there too, by their own writers. A file that cannot be written is an
 * {@link EnvironmentException} naming it: at once for the folder and the reports, and from {@link #requireWritten}
 * for a log whose append failed on another thread.
 */
final class OutputFiles implements AutoCloseable {
    final Path dir;
    final NdjsonFile alerts;
    final NdjsonFile routerLog;
    final NdjsonFile summaryLog;
    final NdjsonFile clientHotKeys;

    private OutputFiles(Path dir) {
        this.dir = dir;
        alerts = new NdjsonFile(dir.resolve("hot-key-alerts.ndjson"));
        routerLog = new NdjsonFile(dir.resolve("router-log.ndjson"));
        summaryLog = new NdjsonFile(dir.resolve("summary-log.ndjson"));
        clientHotKeys = new NdjsonFile(dir.resolve("client-hot-keys.ndjson"));
    }

    /** Creates {@code dir} if needed and opens the log files in it (emptied). */
    static OutputFiles create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        return new OutputFiles(dir);
    }

    void writeReport(String text) {
        Path file = dir.resolve("report.txt");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    /** Throws the first failure of any log file's appends, so a run never reports success over a log cut short. */
    void requireWritten() {
        for (NdjsonFile file : List.of(alerts, routerLog, summaryLog, clientHotKeys)) {
            Optional<IOException> failure = file.failure();
            if (failure.isPresent()) {
                throw cannotWrite(file.path(), failure.get());
            }
        }
    }

    /** The one wording of an output failure: the file and the operating system's reason. */
    static EnvironmentException cannotWrite(Path file, IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : e.getMessage();
        return new EnvironmentException("cannot write " + Flags.shown(file.toString()) + ": "
                + (reason == null ? e.toString() : reason), e);
    }

    @Override
    public void close() {
        alerts.close();
        routerLog.close();
        summaryLog.close();
        clientHotKeys.close();
    }
}
