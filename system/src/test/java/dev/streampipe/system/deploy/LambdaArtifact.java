package dev.streampipe.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A function's build artifact as SAM lays it out for a Java function: the contents of {@code target/classes}
 * at the root and the runtime dependencies in {@code lib/}.
 *
 * @param root the artifact folder
 */
record LambdaArtifact(Path root) {

    Path lib() {
        return root.resolve("lib");
    }

    /** File names in {@code lib/}, sorted; empty if there is no {@code lib/}. */
    List<String> jarNames() {
        if (!Files.isDirectory(lib())) {
            return List.of();
        }
        try (Stream<Path> jars = Files.list(lib())) {
            return jars.map(jar -> jar.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib(), e);
        }
    }

    /** Paths of every {@code .class} file outside {@code lib/}, relative to the root, with '/' separators. */
    List<String> classFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> !file.startsWith(lib()) && file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
    }

    /** Bytes of every file in the artifact (what the function's zip holds, before compression). */
    long sizeBytes() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(LambdaArtifact::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
    }

    /** The classpath Lambda's Java runtime uses for this artifact: the root, then every jar in {@code lib/}. */
    String classpath() {
        return root + java.io.File.pathSeparator + lib().resolve("*");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot size " + file, e);
        }
    }
}
