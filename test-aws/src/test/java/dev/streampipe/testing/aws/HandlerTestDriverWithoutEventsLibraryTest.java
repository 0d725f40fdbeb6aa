package dev.streampipe.testing.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.PipelineTestDriver;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aws-lambda-java-events} is an optional dependency of {@link HandlerTestDriver}, as of the runtime: a test of
 * a function on the event's bytes compiles and runs without it on its class path.
 */
class HandlerTestDriverWithoutEventsLibraryTest {
    private static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";

    /** The byte path of a function whose one route sends nothing: the failures and the records summarized. */
    public static final class BytePath implements Function<byte[], List<String>> {
        @Override
        public List<String> apply(byte[] event) {
            try (LoopbackAws aws = LoopbackAws.start();
                 HandlerTestDriver function = HandlerTestDriver.start(
                         env -> env.runtime(Topology.builder().multicast(Route.named("all").none()).build()).build(),
                         aws, Map.of("DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/1/dlq"))) {
                List<String> out = new ArrayList<>(function.handle(event));
                out.add("records=" + function.summaries().get(0).get("records").asInt());
                return out;
            }
        }
    }

    @Test
    void shouldHandleTheEventsBytesWhenTheEventsLibraryIsNotOnTheClassPath() throws Exception {
        // GIVEN this test's class path without the events library
        byte[] event = Files.readAllBytes(PipelineTestDriver.event("mixed-batch.json"));
        List<URL> urls = new ArrayList<>();
        for (String entry : withoutEventsLibrary()) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader withoutEvents = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutEvents.loadClass(EVENTS_PACKAGE + "DynamodbEvent")).isInstanceOf(ClassNotFoundException.class);

            // WHEN a driver loaded there handles a batch's bytes
            @SuppressWarnings("unchecked")
            Function<byte[], List<String>> bytePath = (Function<byte[], List<String>>) withoutEvents
                    .loadClass(BytePath.class.getName()).getDeclaredConstructor().newInstance();
            List<String> result = bytePath.apply(event);

            // THEN it answers as usual: no failure, the batch's 140 records summarized
            assertThat(result).containsExactly("records=140");
        }
    }

    @Test
    void shouldCompileATestOfTheBytePathWhenTheEventsLibraryIsNotOnTheClassPath(@TempDir Path work)
            throws IOException {
        // GIVEN a test calling both byte overloads, and one calling the DynamodbEvent path (the control)
        Path bytes = write(work.resolve("src/BytesTest.java"), """
                import dev.streampipe.testing.aws.HandlerTestDriver;
                import java.util.List;
                class BytesTest {
                    List<String> run(HandlerTestDriver function) {
                        function.handle(new byte[0]);
                        return function.handle("{\\"Records\\":[]}");
                    }
                }
                """);
        Path events = write(work.resolve("src/EventsTest.java"), """
                import dev.streampipe.testing.aws.HandlerTestDriver;
                class EventsTest {
                    Object run(HandlerTestDriver function) {
                        return function.handleDynamodbEvent(null);
                    }
                }
                """);

        // WHEN each is compiled on this test's class path without the events library
        ByteArrayOutputStream bytesErrors = new ByteArrayOutputStream();
        int bytesStatus = compile(bytes, work.resolve("out"), bytesErrors);
        ByteArrayOutputStream eventsErrors = new ByteArrayOutputStream();
        int eventsStatus = compile(events, work.resolve("out"), eventsErrors);

        // THEN the byte path compiles; the DynamodbEvent path needs the library, so the class path really lacks it
        assertThat(bytesStatus).as("javac: %s", bytesErrors.toString(UTF_8)).isZero();
        assertThat(eventsStatus).isNotZero();
        assertThat(eventsErrors.toString(UTF_8)).contains("class file for " + EVENTS_PACKAGE);
    }

    /** {@code java.class.path} without the events library and the libraries that bring it. */
    private static List<String> withoutEventsLibrary() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("aws-lambda-java-events") && !entry.contains("aws-lambda-java-tests")
                    && !entry.contains("aws-lambda-java-serialization")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** javac's exit status on {@code source}; what it printed goes to {@code errors}. */
    private static int compile(Path source, Path out, ByteArrayOutputStream errors) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        return javac.run(null, errors, errors, "-proc:none", "-d", out.toString(),
                "-classpath", String.join(File.pathSeparator, withoutEventsLibrary()), source.toString());
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
