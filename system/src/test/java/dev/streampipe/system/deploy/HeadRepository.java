package dev.streampipe.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * A scratch Maven local repository holding what the install step of docs/deploy.md puts into {@code ~/.m2} and a function
 * build reads from there: the parent POM and the project modules a function depends on (jar and POM), laid out
 * as {@code mvn install} lays them out. Used as the head of Maven 3.9's chained local
 * repository ({@code -Dmaven.repo.local=<this> -Dmaven.repo.local.tail=<the build's own local repository>}), so
 * a build reads everything else from the tail and writes only here: the user's repository is never written.
 */
final class HeadRepository {
    static final String GROUP_ID = "dev.streampipe";
    static final String PARENT = "streampipe-parent";

    private final Path root;
    private final String version;

    private HeadRepository(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    /**
     * A built project module to install.
     *
     * @param artifactId its artifact id
     * @param folder     its folder in the checkout (holding its {@code pom.xml})
     * @param jar        its built jar, or {@code null} for a POM-only module (the BOM)
     */
    record Module(String artifactId, Path folder, Path jar) {
        /** A module that is a POM only. */
        static Module pomOnly(String artifactId, Path folder) {
            return new Module(artifactId, folder, null);
        }
    }

    /**
     * Creates the repository under {@code root}.
     *
     * @param projectRoot the checkout (its {@code pom.xml} is installed as the parent POM)
     * @param version     the project version
     * @param modules     the built modules to install
     */
    static HeadRepository seed(Path root, Path projectRoot, String version, List<Module> modules) {
        HeadRepository repository = new HeadRepository(root, Objects.requireNonNull(version, "version"));
        repository.put(PARENT, ".pom", projectRoot.resolve("pom.xml"));
        for (Module module : modules) {
            repository.put(module.artifactId(), ".pom", module.folder().resolve("pom.xml"));
            if (module.jar() != null) {
                repository.put(module.artifactId(), ".jar", module.jar());
            }
        }
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
