package dev.streampipe.local;

import dev.streampipe.router.RouterHandler;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.router.SessionSchema;
import dev.streampipe.router.SessionTopology;
import dev.streampipe.aws.lambda.InvocationContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
            Map<String, ReplaySinks.Capturing> sinks = new LinkedHashMap<>();
            for (String name : SessionTopology.create(SessionSchema.DEFAULT).sinks()) {
                sinks.put(name, new ReplaySinks.Capturing(name));
            }
            ReplaySinks.DeadLetters deadLetters = new ReplaySinks.DeadLetters();
            RouterHandler handler = new RouterHandler(RouterWiring.router(SessionSchema.DEFAULT, Map.copyOf(sinks),
                    new ReplaySinks.Ledger(), deadLetters, Runnable::run, line -> out.println("log: " + line)));
            out.println("== " + file);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(file)), response,
                        new InvocationContext("RouterFunction", Duration.ofSeconds(60), Clock.systemUTC(),
                                line -> out.println("log: " + line)));
            } catch (RuntimeException e) {
                out.println("function error: " + e);
                exit = 1;
                continue;
            }
            for (Map.Entry<String, ReplaySinks.Capturing> e : sinks.entrySet()) {
                out.println("sink " + e.getKey() + ": " + e.getValue().messages.size() + " message(s)");
                e.getValue().messages.forEach(m -> out.println("  " + ReplaySinks.line(m)));
            }
            out.println("sink dead-letters: " + deadLetters.letters.size() + " message(s)");
            deadLetters.letters.forEach(l -> out.println("  " + (l.routeOrNull() == null ? "whole record"
                    : "route " + l.routeOrNull()) + " of " + l.eventIdOrNull() + ": " + l.reason()));
            out.println("response: " + response.toString(StandardCharsets.UTF_8));
        }
        return exit;
    }
}
