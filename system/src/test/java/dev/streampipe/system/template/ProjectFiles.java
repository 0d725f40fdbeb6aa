package dev.streampipe.system.template;

import dev.streampipe.check.internal.CfnTemplate;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root (where template.yaml lives) for tests. */
final class ProjectFiles {

    private ProjectFiles() {
    }

    /** The root set by surefire ({@code streampipe.root}), else the parent of the working directory. */
    static Path root() {
        String configured = System.getProperty("streampipe.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            throw new IllegalStateException("no template.yaml in " + root + "; set -Dstreampipe.root");
        }
        return root;
    }

    static CfnTemplate template() {
        return CfnTemplate.read(root().resolve("template.yaml"));
    }
}
