package dev.streampipe.local;

import dev.streampipe.emulator.MotoUnavailableException;
import dev.streampipe.system.check.CheckCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command line of the main job.
 * <pre>
 * run [--duration 60s] [--sessions 40] [--cold-rate 30] [--hot-rate 50] [--out streampipe-out] [--template template.yaml]
 * replay [FILE...]      (default: every events/*.json with a Records array)
 * check TEMPLATE [--config FILE] [--format text|json|sarif] [--fail-on info|low|medium|high]
 * </pre>
 * {@code check} exits 0, 1 when a finding is at or above {@code --fail-on}, 2 on bad input (see CheckCommand).
 * Exit code 0 when the run passes its own checks, 1 when it fails one, 2 on bad arguments or when Python or moto
 * is missing (the message gives the install command).
 */
public final class StreampipeLocal {
    private StreampipeLocal() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            return args.length == 0 ? 2 : 0;
        }
        try {
            return switch (args[0]) {
                case "run" -> {
                    RunOptions o = options(args);
                    System.setProperty("streampipe.log.file", o.out().resolve("streampipe-local.log").toString());
                    yield new LocalPipeline().run(o, System.out, KclHotKeyWatch::start);
                }
                case "replay" -> Replay.run(eventFiles(args), System.out);
                case "redrive" -> RedriveCommand.run(args, System.out);
                case "check" -> CheckCommand.run(Arrays.copyOfRange(args, 1, args.length),
                        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                        new PrintWriter(System.err, true, StandardCharsets.UTF_8));
                default -> {
                    System.err.println("unknown command '" + args[0] + "'");
                    usage();
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (MotoUnavailableException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    static RunOptions options(String[] args) {
        RunOptions o = RunOptions.defaults();
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            o = switch (flag) {
                case "--duration" -> o.withDuration(duration(value));
                case "--out" -> o.withOut(Path.of(value));
                case "--template" -> o.withTemplate(existing(value));
                case "--sessions" -> o.withSessions(number(flag, value));
                case "--cold-rate" -> o.withRates(number(flag, value), o.hotWritesPerSecond());
                case "--hot-rate" -> o.withRates(o.coldWritesPerSecond(), number(flag, value));
                default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
            };
        }
        return o;
    }

    private static Path existing(String value) {
        Path p = Path.of(value);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such template: " + p.toAbsolutePath());
        }
        return p;
    }

    private static Duration duration(String value) {
        String v = value.trim().toLowerCase();
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--duration must look like 30s, 2m or 500ms, was '" + value + "'");
        }
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, was '" + value + "'");
        }
    }

    static List<Path> eventFiles(String[] args) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path p = Path.of(args[i]);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no such event file: " + p);
            }
            files.add(p);
        }
        if (files.isEmpty()) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("events"), "*.json")) {
                for (Path p : dir) {
                    if (Files.readString(p).contains("\"Records\"")) {
                        files.add(p);
                    }
                }
            }
            files.sort(null);
        }
        return files;
    }

    private static void usage() {
        System.out.println("""
                usage: streampipe-local run [--duration 60s] [--sessions 40] [--cold-rate 30] [--hot-rate 50] [--out DIR] [--template FILE]
                       streampipe-local replay [FILE...]   (default: events/*.json)
                       streampipe-local check TEMPLATE [--config FILE] [--format text|json|sarif] [--fail-on info|low|medium|high]
                       streampipe-local redrive --queue-url URL --function NAME [--endpoint URL] [--max-retries N]""");
    }
}
