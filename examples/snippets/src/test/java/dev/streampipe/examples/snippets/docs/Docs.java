package dev.streampipe.examples.snippets.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the repository's docs are: README.md and every docs/*.md, found from any module's working directory. */
final class Docs {
    private Docs() {
    }

    /** The repository's root: the nearest folder above the working directory holding mvnw and README.md. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("README.md"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (mvnw and README.md) above "
                + Path.of("").toAbsolutePath());
    }

    /** README.md, then docs/*.md by name. */
    static List<Path> files(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** A fixture folder of this module's test resources. */
    static Path fixture(String name) {
        return Path.of("src", "test", "resources", "fixtures", name).toAbsolutePath();
    }
}
