package dev.streampipe.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A scratch Maven local repository holding what the README's install step puts into {@code ~/.m2}: the parent
 * POM and {@code streampipe-shared} (jar, POM, test-jar), laid out as {@code mvn install} lays them out.
 * Used as the head of Maven 3.9's chained local repository ({@code -Dmaven.repo.local=<this>
 * -Dmaven.repo.local.tail=<the build's own local repository>}), so a build reads everything else from the
 * tail and writes only here: the user's repository is never written.
 */
final class HeadRepository {
    static final String GROUP_ID = "dev.streampipe";

    private final Path root;
    private final String version;

    private HeadRepository(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    /**
     * Creates the repository under {@code root} with the given built artifacts.
     *
     * @param projectRoot the repository checkout (its {@code pom.xml} and {@code shared/pom.xml} are installed)
     * @param version     the project version
     * @param sharedJar   the built {@code streampipe-shared} jar
     * @param sharedTests the built {@code streampipe-shared} test-jar (classifier {@code tests})
     */
    static HeadRepository seed(Path root, Path projectRoot, String version, Path sharedJar, Path sharedTests) {
        HeadRepository repository = new HeadRepository(root, Objects.requireNonNull(version, "version"));
        repository.put("streampipe-parent", ".pom", projectRoot.resolve("pom.xml"));
        repository.put("streampipe-shared", ".pom", projectRoot.resolve("shared").resolve("pom.xml"));
        repository.put("streampipe-shared", ".jar", sharedJar);
        repository.put("streampipe-shared", "-tests.jar", sharedTests);
        return repository;
    }

    Path root() {
        return root;
    }

    private void put(String artifactId, String suffix, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("cannot seed " + artifactId + suffix + ": " + file
                    + " does not exist (build the reactor first: ./mvnw -B verify)");
        }
        Path folder = root.resolve(GROUP_ID.replace('.', '/')).resolve(artifactId).resolve(version);
        try {
            Files.createDirectories(folder);
            Files.copy(file, folder.resolve(artifactId + "-" + version + suffix), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file + " into " + folder, e);
        }
    }
}
