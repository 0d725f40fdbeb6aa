package dev.streampipe.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An append-only NDJSON file, one JSON object per line; thread-safe; flushed after every append. An append that
 * fails throws to its caller (often another thread) and is kept: {@link #failure} gives the first.
 */
final class NdjsonFile implements AutoCloseable {
    private final Path path;
    private final BufferedWriter out;
    private final AtomicLong lines = new AtomicLong();
    private IOException failure;

    NdjsonFile(Path path) {
        this.path = path;
        try {
            Files.createDirectories(path.getParent());
            this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw OutputFiles.cannotWrite(path, e);
        }
    }

    synchronized void append(List<String> jsonLines) {
        try {
            for (String line : jsonLines) {
                out.write(line);
                out.write('\n');
            }
            out.flush();
            lines.addAndGet(jsonLines.size());
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
            throw OutputFiles.cannotWrite(path, e);
        }
    }

    /** The first append that failed, if any. */
    synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    long lines() {
        return lines.get();
    }

    Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw OutputFiles.cannotWrite(path, e);
        }
    }
}
