package dev.streampipe.local;

import dev.streampipe.core.record.Texts;
import dev.streampipe.emulator.MotoUnavailableException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Command line of the main job.
 * <pre>
 * run [--duration 60s] [--sessions 40] [--cold-rate 30] [--hot-rate 50] [--out streampipe-out] [--template template.yaml]
 * replay [FILE...]      (default: every events/*.json with a Records array)
 * redrive --queue-url URL --function NAME [--endpoint URL] [--max-retries N]
 * check TEMPLATE [--config FILE] [--format text|json|sarif] [--fail-on info|low|medium|high]
 * </pre>
 * The arguments of {@code run}, {@code replay} and {@code redrive} are all read and checked before anything starts:
 * no process, no request, no file or folder created. Exit codes of those three:
 * <ul>
 *   <li>{@value #EXIT_OK}: done; the run passed its checks, the router handled every event, every range redriven.</li>
 *   <li>{@value #EXIT_FAILED}: it ran and the result is a failure: the run failed one of its checks, the router
 *       failed an event (a function error), {@code redrive} kept a range (each named).</li>
 *   <li>{@value #EXIT_BAD_INPUT}: bad input or configuration, said on one {@code error:} line naming the flag, value,
 *       file or setting, without a stack trace: an argument, a file missing or not what it should be, no AWS region
 *       or credentials, a request a service refused (no such queue or function, access denied), Python or moto
 *       missing (the message gives the install command).</li>
 *   <li>{@value #EXIT_ENVIRONMENT}: the environment failed, said on one {@code error:} line: a service that could
 *       not be reached, stream readers that did not start, an output that could not be written (the standard
 *       output, a report or log file). Running again once it is mended may succeed.</li>
 *   <li>{@value #EXIT_INTERNAL}: an unexpected failure, a bug in streampipe, printed with its stack trace.</li>
 * </ul>
 * {@code check} has its own: 0, 1 when a finding is at or above {@code --fail-on}, 2 on bad input, 3 when its report
 * could not be written (see CheckCommand).
 */
public final class StreampipeLocal {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_ENVIRONMENT = 3;
    public static final int EXIT_INTERNAL = 4;
    private static final Path EVENTS = Path.of("events");

    private final Commands commands;
    private final PrintStream out;
    private final PrintStream err;

    StreampipeLocal(Commands commands, PrintStream out, PrintStream err) {
        this.commands = commands;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = StandardOutput.open();
        int exit = new StreampipeLocal(Commands.real(), out, System.err).run(args);
        out.flush();
        System.exit(exit);
    }

    /** Runs the command {@code args} name and returns its exit code; throws nothing but an {@link Error}. */
    int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? EXIT_BAD_INPUT : EXIT_OK;
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (command.equals("check")) {
            // check reads its own arguments and reports its own failures, output included (see CheckCommand)
            return commands.check(rest.toArray(String[]::new), out, err);
        }
        try {
            int exit = switch (command) {
                case "run" -> commands.run(arguments(RunOptions.USAGE, () -> RunOptions.parse(rest)), out);
                case "replay" -> commands.replay(arguments(Replay.USAGE, () -> Replay.files(rest, EVENTS)), out, err);
                case "redrive" -> commands.redrive(arguments(RedriveOptions.USAGE, () -> RedriveOptions.parse(rest)),
                        out);
                default -> throw new BadInputException("unknown command " + Flags.shown(command)
                        + " (commands: run, replay, redrive, check)");
            };
            StandardOutput.requireWritten(out, "the output of " + command);
            return exit;
        } catch (BadInputException e) {
            error(e.getMessage());
            e.usage().ifPresent(u -> err.println("usage: streampipe-local " + u));
            return EXIT_BAD_INPUT;
        } catch (MotoUnavailableException e) {
            error(e.getMessage());
            return EXIT_BAD_INPUT;
        } catch (EnvironmentException e) {
            error(e.getMessage());
            return EXIT_ENVIRONMENT;
        } catch (Exception e) {
            err.println("error: unexpected failure of " + Flags.shown(command) + ", a bug in streampipe; please "
                    + "report it with this trace:");
            e.printStackTrace(err);
            return EXIT_INTERNAL;
        }
    }

    private void error(String message) {
        err.println("error: " + oneLine(message));
    }

    /**
     * A message on one line, whatever it holds (a parser's location, say, on a line of its own), with nothing raw a
     * terminal would act on.
     */
    static String oneLine(String message) {
        return Texts.oneLine(String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " "));
    }

    private static <T> T arguments(String usage, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (BadInputException e) {
            throw e.inArguments(usage);
        }
    }

    private static void usage(PrintStream to) {
        to.println("usage: streampipe-local " + RunOptions.USAGE);
        to.println("       streampipe-local " + Replay.USAGE);
        to.println("       streampipe-local check TEMPLATE [--config FILE] [--format text|json|sarif] "
                + "[--fail-on info|low|medium|high]");
        to.println("       streampipe-local " + RedriveOptions.USAGE);
    }
}
