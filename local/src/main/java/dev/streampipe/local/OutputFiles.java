package dev.streampipe.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run's output folder: the functions' logs (what CloudWatch Logs would hold, one JSON line each; the router's
 * audit lines among them), the monitor's alert file, and the reports. moto's log and the libraries' log
 * ({@code streampipe-local.log}) are written there too, by their own writers.
 */
final class OutputFiles implements AutoCloseable {
    final Path dir;
    final NdjsonFile alerts;
    final NdjsonFile routerLog;
    final NdjsonFile summaryLog;
    final NdjsonFile clientHotKeys;

    OutputFiles(Path dir) {
        this.dir = dir;
        alerts = new NdjsonFile(dir.resolve("hot-key-alerts.ndjson"));
        routerLog = new NdjsonFile(dir.resolve("router-log.ndjson"));
        summaryLog = new NdjsonFile(dir.resolve("summary-log.ndjson"));
        clientHotKeys = new NdjsonFile(dir.resolve("client-hot-keys.ndjson"));
    }

    void writeReport(String text) {
        try {
            Files.writeString(dir.resolve("report.txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        alerts.close();
        routerLog.close();
        summaryLog.close();
        clientHotKeys.close();
    }
}
