package dev.streampipe.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An append-only NDJSON file, one JSON object per line; thread-safe; flushed after every append. */
final class NdjsonFile implements AutoCloseable {
    private final Path path;
    private final BufferedWriter out;
    private final AtomicLong lines = new AtomicLong();

    NdjsonFile(Path path) {
        this.path = path;
        try {
            Files.createDirectories(path.getParent());
            this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
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
            throw new UncheckedIOException("cannot write " + path, e);
        }
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
            throw new UncheckedIOException("cannot close " + path, e);
        }
    }
}
