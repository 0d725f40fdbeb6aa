package dev.streampipe.local;

import dev.streampipe.testing.lambda.BudgetContext;

import dev.streampipe.router.RouterHandler;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.router.SessionSchema;
import dev.streampipe.router.SessionTopology;
import dev.streampipe.testing.InMemoryDeadLetterSink;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.InMemorySink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code replay FILE...}: runs sample Lambda events through the real router handler in process — what
 * {@code sam local invoke -e} does, without Docker — and prints what each sink received and the batch response.
 */
final class Replay {
    private Replay() {
    }

    static int run(List<Path> files, PrintStream out) throws Exception {
        int exit = 0;
        for (Path file : files) {
            Map<String, InMemorySink> sinks = new LinkedHashMap<>();
            for (String name : SessionTopology.create(SessionSchema.DEFAULT).sinks()) {
                sinks.put(name, new InMemorySink(name));
            }
            InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
            RouterHandler handler = new RouterHandler(RouterWiring.router(SessionSchema.DEFAULT, Map.copyOf(sinks),
                    new InMemoryEffectLedger(), deadLetters, Runnable::run, line -> out.println("log: " + line)));
            out.println("== " + file);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(file)), response,
                        BudgetContext.of("RouterFunction", java.time.Duration.ofSeconds(60)));
            } catch (RuntimeException e) {
                out.println("function error: " + e);
                exit = 1;
                continue;
            }
            for (Map.Entry<String, InMemorySink> e : sinks.entrySet()) {
                out.println("sink " + e.getKey() + ": " + e.getValue().messages().size() + " message(s)");
                e.getValue().messages().forEach(m -> out.println("  " + FileSinks.line(m)));
            }
            out.println("sink dead-letters: " + deadLetters.letters().size() + " message(s)");
            deadLetters.letters().forEach(l -> out.println("  " + l.reason()));
            out.println("response: " + response.toString(StandardCharsets.UTF_8));
        }
        return exit;
    }
}
