package dev.streampipe.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.streampipe.check.internal.CfnTemplate;
import dev.streampipe.check.internal.ServerlessFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy path as {@code sam build} runs it: every {@code AWS::Serverless::Function} of {@code template.yaml}
 * is built from a copy of its {@code CodeUri} folder alone by {@link SamJavaMavenWorkflow} (with the same Maven
 * that runs this build, the parent POM and the library modules ({@code streampipe-shared}, {@code streampipe-session},
 * ...) coming from a local repository as after the install step of docs/deploy.md), then its package is checked and its
 * handler constructed from the package alone, with no network. The functions build concurrently. Maven logs go to
 * {@code target/sam-build/<function>/}.
 */
class SamBuildIT {
    private static final ExecutorService BUILDS = Executors.newFixedThreadPool(2);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    @AfterAll
    static void stopBuilds() {
        BUILDS.shutdownNow();
    }

    @TestFactory
    Stream<DynamicNode> shouldBuildEveryFunctionAsSamDoesWhenItsFolderIsCopiedAlone() {
        // GIVEN the template's functions and a local repository seeded as the install step of docs/deploy.md seeds ~/.m2
        DeployPathSettings settings = DeployPathSettings.fromSystemProperties();
        CfnTemplate template = CfnTemplate.read(settings.root().resolve("template.yaml"));
        List<ServerlessFunction> functions = ServerlessFunction.all(template);
        assertThat(functions).as("serverless functions in template.yaml").isNotEmpty();
        SamJavaMavenWorkflow workflow = new SamJavaMavenWorkflow(settings.mavenHome(), settings.localRepository());

        // WHEN each is built as sam build builds it (concurrently)
        return functions.stream().map(function -> {
            Path folder = work.resolve(function.logicalId());
            CompletableFuture<SamJavaMavenWorkflow.Result> build = CompletableFuture.supplyAsync(() ->
                    workflow.build(settings.root().resolve(function.codeUri()),
                            settings.seedHeadRepository(folder.resolve("m2")), folder,
                            settings.logs().resolve(function.logicalId())), BUILDS);
            // THEN it builds, its package holds what it runs on, and its handler starts from the package alone
            return dynamicContainer(function.logicalId(), Stream.of(
                    dynamicTest("shouldBuildWithMavenWhenItsFolderIsCopiedAlone", () -> build.join().failure()
                            .ifPresent(run -> fail(function.logicalId() + ": sam build would fail.\n"
                                    + run.failureReport()))),
                    dynamicTest("shouldPackageHandlerAndRuntimeJarsOnlyWhenBuilt", () ->
                            PackageHygiene.check(settings.root().resolve(function.codeUri()), function,
                                    artifactOf(build.join()))),
                    dynamicTest("shouldConstructHandlerFromThePackageWithoutNetworkWhenGivenTheTemplatesEnvironment",
                            () -> probe(template, function, artifactOf(build.join()), folder))));
        });
    }

    private static LambdaArtifact artifactOf(SamJavaMavenWorkflow.Result result) {
        assumeTrue(result.artifact().isPresent(), "no artifact: the build failed (see its test)");
        return result.artifact().orElseThrow();
    }

    private static void probe(CfnTemplate template, ServerlessFunction function, LambdaArtifact artifact, Path folder)
            throws IOException, InterruptedException {
        Path probeClasses = ProbeRun.copyProbeClasses(folder.resolve("probe"));
        Path home = Files.createDirectories(folder.resolve("home"));
        try (LoopbackTrap trap = new LoopbackTrap()) {
            Map<String, String> env = ProbeEnvironment.of(template, function, trap.endpoint(), home);
            ProbeRun run = ProbeRun.start(artifact, probeClasses, function.handlerClass(), env, home);

            assertThat(run.exitCode()).as("probe of %s exited; its output:%n%s", function.handler(), run.output())
                    .isZero();
            assertThat(run.output()).contains("PROBE-OK " + function.handlerClass() + " from file:" + artifact.root());
            assertThat(trap.connections())
                    .as("connections to the AWS endpoint while constructing %s", function.handler()).isZero();
            System.out.printf("%s: %s constructed from the package with no network; the constructor loaded classes "
                    + "from %d of %d jars in lib/, not from %s%n", function.logicalId(), function.handlerClass(),
                    run.loadedJars().size(), artifact.jarNames().size(),
                    artifact.jarNames().stream().filter(jar -> !run.loadedJars().contains(jar)).toList());
        }
    }
}
