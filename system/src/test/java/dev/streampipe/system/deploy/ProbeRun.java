package dev.streampipe.system.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of {@link HandlerProbe} in a child JVM whose classpath is the artifact (root, then {@code lib/*}) and
 * the probe's own class files, and whose environment is exactly the one given.
 *
 * @param exitCode   the child's exit code ({@code -1} if killed after the timeout)
 * @param output     the child's stdout and stderr, class-loading lines left out
 * @param loadedJars names of the {@code lib/} jars the child loaded at least one class from
 */
record ProbeRun(int exitCode, String output, Set<String> loadedJars) {
    private static final Pattern CLASS_LOAD = Pattern.compile("\\[class,load].* source: (?:jar:)?file:(\\S+)");
    private static final long TIMEOUT_SECONDS = 60;

    static ProbeRun start(LambdaArtifact artifact, Path probeClasses, String handlerClass, Map<String, String> env,
                          Path workDir) throws IOException, InterruptedException {
        Path log = workDir.resolve("probe.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:class+load=info",
                "-cp", artifact.classpath() + File.pathSeparator + probeClasses,
                HandlerProbe.class.getName(), handlerClass)
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        if (Runtime.version().feature() < 24) {
            builder.command().add(1, "-Djava.security.manager=allow");
        }
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Set<String> loaded = new TreeSet<>();
        for (String line : lines) {
            Matcher load = CLASS_LOAD.matcher(line);
            if (load.find() && Path.of(load.group(1)).startsWith(artifact.lib())) {
                loaded.add(Path.of(load.group(1)).getFileName().toString());
            }
        }
        String output = lines.stream().filter(line -> !line.contains("[class,load]")).collect(Collectors.joining("\n"));
        return new ProbeRun(finished ? process.exitValue() : -1, output, loaded);
    }

    /** Copies the probe's class files (and nothing else of the test classpath) into {@code folder}. */
    static Path copyProbeClasses(Path folder) {
        try {
            Path classes = Path.of(HandlerProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path pkg = Path.of(HandlerProbe.class.getPackageName().replace('.', File.separatorChar));
            Path target = Files.createDirectories(folder.resolve(pkg));
            try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("HandlerProbe")).toList()) {
                    Files.copy(file, target.resolve(file.getFileName().toString()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the probe classes", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the probe classes", e);
        }
    }
}
