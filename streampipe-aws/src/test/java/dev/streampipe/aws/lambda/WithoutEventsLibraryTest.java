package dev.streampipe.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.PipelineTestDriver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code aws-lambda-java-events} is an optional dependency: a function on the event's bytes does not carry it, so
 * the byte path must run on a class path without it.
 */
class WithoutEventsLibraryTest {

    /** The byte path on a topology that takes every record: the event's bytes in, the response out. */
    public static final class BytePath implements Function<byte[], String> {
        @Override
        public String apply(byte[] event) {
            StreamRuntime runtime = StreamRuntime.builder(Topology.builder().multicast(Route.named("all").none())
                    .build()).deadLetters(new DeadLetterSink() {
                        @Override
                        public String name() {
                            return "dead-letters";
                        }

                        @Override
                        public void deadLetter(List<DeadLetter> letters, Deadline deadline) {
                        }
                    }).executor(Runnable::run).log(line -> { }).build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            runtime.handle(new ByteArrayInputStream(event), out, InvocationContext.of("f", Duration.ofMinutes(1)));
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldHandleTheEventsBytesWhenTheEventsLibraryIsNotOnTheClassPath() throws Exception {
        // GIVEN this test's class path without aws-lambda-java-events
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("aws-lambda-java-events") && !entry.contains("aws-lambda-java-tests")
                    && !entry.contains("aws-lambda-java-serialization")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        byte[] event = Files.readAllBytes(PipelineTestDriver.event("mixed-batch.json"));
        try (URLClassLoader withoutEvents = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutEvents.loadClass(
                    "com.amazonaws.services.lambda.runtime.events.DynamodbEvent"))
                    .isInstanceOf(ClassNotFoundException.class);

            // WHEN a runtime loaded there handles a batch's bytes
            @SuppressWarnings("unchecked")
            Function<byte[], String> bytePath = (Function<byte[], String>) withoutEvents
                    .loadClass(BytePath.class.getName()).getDeclaredConstructor().newInstance();
            String response = bytePath.apply(event);

            // THEN it answers as usual
            assertThat(response).isEqualTo("{\"batchItemFailures\":[]}");
        }
    }
}
