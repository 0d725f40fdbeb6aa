package dev.streampipe.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code sam build} does for one Java function with a {@code pom.xml} (aws-lambda-builders 1.63, workflow
 * {@code java_maven}): copy the {@code CodeUri} folder alone into a scratch directory, run
 * {@code mvn clean install} there, then
 * {@code mvn dependency:copy-dependencies -DincludeScope=runtime -Dmdep.prependGroupId=true}, and lay the
 * artifact out as the contents of {@code target/classes} plus {@code target/dependency} as {@code lib/}.
 *
 * <p>Two differences, neither of which changes what Maven builds: each invocation also gets
 * {@code -Dmaven.repo.local=<head> -Dmaven.repo.local.tail=<tail>} (see {@link HeadRepository}), and the
 * folder's own {@code target/} is not copied ({@code clean} deletes it first). Like SAM, no {@code -B} and no
 * {@code -DskipTests}.
 */
final class SamJavaMavenWorkflow {
    private static final Set<String> NOT_COPIED = Set.of(".aws-sam", ".git", "target");
    private static final long TIMEOUT_MINUTES = 4;

    private final Path mvn;
    private final Path tailRepository;

    /**
     * @param mavenHome      the Maven installation to run ({@code bin/mvn}), the one running this build
     * @param tailRepository the build's own local repository, read but never written
     */
    SamJavaMavenWorkflow(Path mavenHome, Path tailRepository) {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        this.mvn = mavenHome.resolve("bin").resolve(windows ? "mvn.cmd" : "mvn");
        this.tailRepository = Objects.requireNonNull(tailRepository, "tailRepository");
        if (!Files.isExecutable(mvn)) {
            throw new IllegalStateException("no Maven executable at " + mvn);
        }
    }

    /**
     * Builds {@code codeUri} as SAM would.
     *
     * @param codeUri the function's folder (copied, never written)
     * @param head    the local repository holding what the install step of docs/deploy.md provides
     * @param work    an empty folder for the scratch copy ({@code scratch/}) and the artifact ({@code artifact/})
     * @param logs    folder for the Maven logs ({@code build.log}, {@code copy-dependencies.log})
     * @return the artifact, or the failed Maven run
     */
    Result build(Path codeUri, HeadRepository head, Path work, Path logs) {
        Path scratch = work.resolve("scratch");
        copyTree(codeUri, scratch, NOT_COPIED);
        List<MavenRun> runs = new ArrayList<>();
        MavenRun install = run(scratch, head, logs.resolve("build.log"), "clean", "install");
        runs.add(install);
        if (install.succeeded()) {
            runs.add(run(scratch, head, logs.resolve("copy-dependencies.log"), "dependency:copy-dependencies",
                    "-DincludeScope=runtime", "-Dmdep.prependGroupId=true"));
        }
        MavenRun last = runs.get(runs.size() - 1);
        if (!last.succeeded()) {
            return new Result(runs, Optional.empty(), Optional.of(last));
        }
        Path artifact = work.resolve("artifact");
        copyTree(scratch.resolve("target").resolve("classes"), artifact, Set.of());
        Path dependencies = scratch.resolve("target").resolve("dependency");
        if (Files.isDirectory(dependencies)) {
            copyTree(dependencies, artifact.resolve("lib"), Set.of());
        }
        return new Result(runs, Optional.of(new LambdaArtifact(artifact)), Optional.empty());
    }

    private MavenRun run(Path scratch, HeadRepository head, Path log, String... goals) {
        List<String> command = new ArrayList<>(List.of(mvn.toString()));
        command.addAll(List.of(goals));
        command.add("-Dmaven.repo.local=" + head.root());
        command.add("-Dmaven.repo.local.tail=" + tailRepository);
        return MavenRun.run(command, scratch, log, TIMEOUT_MINUTES);
    }

    /** Copies {@code from} into {@code to}, leaving out the top-level folders named in {@code skipped}. */
    static void copyTree(Path from, Path to, Set<String> skipped) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(from) && dir.getParent().equals(from)
                            && skipped.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    /**
     * The outcome of one function's build.
     *
     * @param runs     the Maven invocations, in order
     * @param artifact the artifact, present when every invocation succeeded
     * @param failure  the invocation that failed, present otherwise
     */
    record Result(List<MavenRun> runs, Optional<LambdaArtifact> artifact, Optional<MavenRun> failure) {
    }
}
