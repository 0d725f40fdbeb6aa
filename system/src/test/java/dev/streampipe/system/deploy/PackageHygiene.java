package dev.streampipe.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.check.internal.ServerlessFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a function's package must and must not hold: the handler class; none of the module's test classes;
 * no test-jar and no test library in {@code lib/}; exactly one SDK HTTP client implementation, the
 * URLConnection one the handlers build their clients on. Prints the package's size.
 */
final class PackageHygiene {
    private static final Pattern SDK_HTTP_CLIENT = Pattern.compile(
            "software\\.amazon\\.awssdk\\.(url-connection-client|apache-client|apache5-client|netty-nio-client"
                    + "|aws-crt-client)-.*\\.jar");
    private static final Pattern TEST_LIBRARY = Pattern.compile(
            ".*(-tests\\.jar|streampipe-test-|junit|assertj|opentest4j|apiguardian|mockito|testcontainers|jqwik).*");

    private PackageHygiene() {
    }

    static void check(Path codeUri, ServerlessFunction function, LambdaArtifact artifact) {
        List<String> classes = artifact.classFiles();
        List<String> jars = artifact.jarNames();

        assertThat(classes).as("handler class in the package").contains(classFile(function.handlerClass()));
        assertThat(classes).as("test classes of %s in the package", function.codeUri())
                .doesNotContainAnyElementsOf(testClassFiles(codeUri));
        assertThat(jars).as("test jars and test libraries in lib/")
                .noneMatch(jar -> TEST_LIBRARY.matcher(jar).matches());
        assertThat(jars.stream().map(SDK_HTTP_CLIENT::matcher).filter(Matcher::matches).map(m -> m.group(1)))
                .as("SDK HTTP client implementations in lib/ %s", jars).containsExactly("url-connection-client");
        System.out.printf("%s: package of %s: %d jars in lib/, %.1f MB unzipped%n", function.logicalId(),
                function.codeUri(), jars.size(), artifact.sizeBytes() / 1e6);
    }

    private static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** The class files the module's {@code src/test/java} sources compile to (top-level classes). */
    private static List<String> testClassFiles(Path codeUri) {
        Path sources = codeUri.resolve("src/test/java");
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> sources.relativize(file).toString().replace('\\', '/'))
                    .map(source -> source.substring(0, source.length() - ".java".length()) + ".class")
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sources, e);
        }
    }
}
