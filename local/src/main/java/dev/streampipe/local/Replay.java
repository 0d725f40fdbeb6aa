package dev.streampipe.local;

import dev.streampipe.aws.lambda.InvocationContext;
import dev.streampipe.core.decode.MalformedEventException;
import dev.streampipe.core.record.Texts;
import dev.streampipe.router.RouterHandler;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.router.SessionSchema;
import dev.streampipe.router.SessionTopology;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code replay FILE...}: runs sample Lambda events through the real router handler in process — what
 * {@code sam local invoke -e} does, without Docker — and prints what each sink received and the batch response.
 *
 * <p>Exit codes: {@link StreampipeLocal#EXIT_OK} when the router handled every file;
 * {@link StreampipeLocal#EXIT_FAILED} when it failed one (a function error, printed); {@link StreampipeLocal#EXIT_BAD_INPUT}
 * when a file is not a DynamoDB stream event at all (an {@code error:} line on the error stream with the decoder's
 * reason; the other files are still replayed). A file that cannot be read fails before any is replayed; output
 * that cannot be written stops the replay with an {@link EnvironmentException}.
 */
final class Replay {
    static final String USAGE = "replay [FILE...]   (default: every events/*.json with a Records array)";
    /** Far above Lambda's 6 MB invocation payload; only spares the memory a huge file would take. */
    static final long MAX_EVENT_BYTES = 64L << 20;

    private Replay() {
    }

    /** The event files named by {@code args}, each checked; none named: every event in {@code eventsDir}. */
    static List<Path> files(List<String> args, Path eventsDir) {
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("-")) {
                throw new BadInputException("replay has no option " + Flags.shown(arg) + "; it takes event files"
                        + " (write " + Flags.shown("./" + arg) + " for a file whose name starts with '-')");
            }
            Path file;
            try {
                file = Path.of(arg);
            } catch (InvalidPathException e) {
                throw new BadInputException("event file " + Flags.shown(arg) + " is not a valid path (" + e.getReason()
                        + ")");
            }
            files.add(FileArguments.readable("event file", file, MAX_EVENT_BYTES));
        }
        return files.isEmpty() ? samples(eventsDir) : files;
    }

    private static List<Path> samples(Path eventsDir) {
        if (!Files.isDirectory(eventsDir)) {
            throw new BadInputException("replay without FILE reads " + eventsDir + "/*.json, and there is no folder "
                    + eventsDir.toAbsolutePath() + "; name the event files, or run from the repository's root");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(eventsDir, "*.json")) {
            for (Path p : dir) {
                if (Files.isRegularFile(p) && Files.size(p) <= MAX_EVENT_BYTES
                        && new String(Files.readAllBytes(p), StandardCharsets.UTF_8).contains("\"Records\"")) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read the event files in " + eventsDir + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    static int run(List<Path> files, PrintStream out, PrintStream err) {
        int exit = StreampipeLocal.EXIT_OK;
        for (Path file : files) {
            exit = Math.max(exit, replay(file, out, err));
            StandardOutput.requireWritten(out, "the replay of " + Flags.shown(file.toString()));
        }
        return exit;
    }

    private static int replay(Path file, PrintStream out, PrintStream err) {
        byte[] event;
        try {
            event = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read event file " + Flags.shown(file.toString()) + ": "
                    + e.getMessage(), e);
        }
        List<String> log = new ArrayList<>();
        Map<String, ReplaySinks.Capturing> sinks = new LinkedHashMap<>();
        for (String name : SessionTopology.create(SessionSchema.DEFAULT).sinks()) {
            sinks.put(name, new ReplaySinks.Capturing(name));
        }
        ReplaySinks.DeadLetters deadLetters = new ReplaySinks.DeadLetters();
        RouterHandler handler = new RouterHandler(RouterWiring.router(SessionSchema.DEFAULT, Map.copyOf(sinks),
                new ReplaySinks.Ledger(), deadLetters, RouterWiring.inMemoryStateStore(SessionSchema.DEFAULT),
                Runnable::run, log::add));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        RuntimeException failure = null;
        try {
            handler.handleRequest(new ByteArrayInputStream(event), response,
                    new InvocationContext("RouterFunction", Duration.ofSeconds(60), Clock.systemUTC(), log::add));
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure instanceof MalformedEventException malformed) {
            // the user's file, not the router, is at fault: its reason, without the function's log and trace
            err.println(StreampipeLocal.oneLine("error: event file " + Flags.shown(file.toString())
                    + " is not a DynamoDB stream event: " + malformed.getMessage()));
            return StreampipeLocal.EXIT_BAD_INPUT;
        }
        out.println("== " + file);
        log.forEach(line -> out.println("log: " + line));
        if (failure != null) {
            out.println("function error: " + Texts.oneLine(String.valueOf(failure)));
            return StreampipeLocal.EXIT_FAILED;
        }
        for (Map.Entry<String, ReplaySinks.Capturing> e : sinks.entrySet()) {
            out.println("sink " + e.getKey() + ": " + e.getValue().messages.size() + " message(s)");
            e.getValue().messages.forEach(m -> out.println("  " + ReplaySinks.line(m)));
        }
        out.println("sink dead-letters: " + deadLetters.letters.size() + " message(s)");
        // Ids and reasons quote the event: shown on one line, nothing raw a terminal would act on.
        deadLetters.letters.forEach(l -> out.println("  " + (l.routeOrNull() == null ? "whole record"
                : "route " + l.routeOrNull()) + " of " + Texts.shown(l.eventIdOrNull()) + ": "
                + Texts.oneLine(l.reason())));
        out.println("response: " + response.toString(StandardCharsets.UTF_8));
        return StreampipeLocal.EXIT_OK;
    }
}
