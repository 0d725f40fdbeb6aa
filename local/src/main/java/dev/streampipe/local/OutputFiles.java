package dev.streampipe.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The run's output folder: one NDJSON file per sink with no local service, logs, and the reports. */
final class OutputFiles implements AutoCloseable {
    final Path dir;
    final NdjsonFile analytics;
    final NdjsonFile audit;
    final NdjsonFile handoffs;
    final NdjsonFile statusEvents;
    final NdjsonFile deadLetters;
    final NdjsonFile onFailure;
    final NdjsonFile alerts;
    final NdjsonFile routerLog;
    final NdjsonFile summaryLog;

    OutputFiles(Path dir) {
        this.dir = dir;
        analytics = new NdjsonFile(dir.resolve("firehose-analytics.ndjson"));
        audit = new NdjsonFile(dir.resolve("audit.ndjson"));
        handoffs = new NdjsonFile(dir.resolve("sns-handoffs.ndjson"));
        statusEvents = new NdjsonFile(dir.resolve("eventbridge-status-events.ndjson"));
        deadLetters = new NdjsonFile(dir.resolve("sqs-dead-letters.ndjson"));
        onFailure = new NdjsonFile(dir.resolve("on-failure.ndjson"));
        alerts = new NdjsonFile(dir.resolve("hot-key-alerts.ndjson"));
        routerLog = new NdjsonFile(dir.resolve("router-log.ndjson"));
        summaryLog = new NdjsonFile(dir.resolve("summary-log.ndjson"));
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
        for (NdjsonFile f : new NdjsonFile[] {analytics, audit, handoffs, statusEvents, deadLetters, onFailure, alerts,
                routerLog, summaryLog}) {
            f.close();
        }
    }
}
