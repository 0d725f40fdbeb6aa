package dev.streampipe.check;

import dev.streampipe.check.internal.Abbreviate;
import dev.streampipe.check.internal.CfnTemplate;
import dev.streampipe.check.internal.TemplateInput;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check TEMPLATE [--config FILE] [--format text|json|sarif] [--fail-on info|low|medium|high]}: the command
 * line of {@code check.jar} ({@link #main}) and of {@code streampipe-local check}; {@link #run} runs it in-process.
 *
 * <p>Exit codes: 0 when no finding is at or above {@code --fail-on} (default {@code high}), 1 when one is, 2 on
 * bad input (unreadable file, not a template, bad config, bad option), 3 when the report could not be written
 * (a full disk, a closed pipe), each failure with one {@code error:} line on the error stream naming the problem.
 * The report goes to the output stream. No input makes {@code check} print a stack trace: a failure of its own
 * is reported on one line as a bug, with exit code 2.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Checks a SAM or CloudFormation template (YAML or JSON) for the N+1 trigger problem on "
                + "DynamoDB streams: readers per stream, writers per table, stream-mapping failure handling, "
                + "IteratorAge alarms, async failure destinations.",
        exitCodeOnInvalidInput = CheckCommand.EXIT_BAD_INPUT, exitCodeOnExecutionException = CheckCommand.EXIT_BAD_INPUT)
public final class CheckCommand implements Callable<Integer> {
    /** Exit code when a finding is at or above {@code --fail-on}. */
    public static final int EXIT_FINDINGS = 1;
    /** Exit code for input that cannot be checked. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code when the output stream reported an error (the report is missing or incomplete). */
    public static final int EXIT_OUTPUT_ERROR = 3;

    @Parameters(index = "0", paramLabel = "TEMPLATE", description = "the template file, YAML or JSON")
    private Path template;

    @Option(names = "--config", paramLabel = "FILE",
            description = "writerThreshold, writerThresholds per table, externalReaders, orderedHandlers (YAML/JSON)")
    private Path config;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json or sarif")
    private String format;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "high",
            description = "exit 1 when a finding is at or above LEVEL: info, low, medium or high (default high)")
    private String failOn;

    private PrintWriter out;
    private PrintWriter err;

    /** {@code java -jar check.jar ARGS}: runs {@link #run} on the standard streams (UTF-8) and exits with its code. */
    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), true,
                StandardCharsets.UTF_8);
        int code = run(args, new PrintWriter(stdout, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        stdout.flush();
        System.exit(code);
    }

    /**
     * Runs the command. A {@link PrintWriter} never throws: after the run this asks {@code out} for its error
     * state ({@link PrintWriter#checkError()}, which flushes it), so the caller must hand in writers whose errors
     * reach that state: a writer over a stream, or over a {@link java.io.PrintStream} such as {@code System.out}
     * (whose own error state {@code checkError} reads), never one over a stream that hides write errors.
     *
     * @param args arguments after {@code check}
     * @return the exit code; {@value #EXIT_OUTPUT_ERROR} whenever {@code out} failed, whatever the findings
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CheckCommand command = new CheckCommand();
        command.out = out;
        command.err = err;
        CommandLine line = new CommandLine(command).setOut(out).setErr(err)
                .setParameterExceptionHandler((e, arguments) -> {
                    err.println("error: " + Abbreviate.oneLine(e.getMessage()));
                    err.println("usage: check TEMPLATE [--config FILE] [--format text|json|sarif] "
                            + "[--fail-on info|low|medium|high]");
                    return EXIT_BAD_INPUT;
                })
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    err.println("error: check failed on its own bug, not on your input (please report it with the "
                            + "template): " + Abbreviate.oneLine(e.toString()));
                    return EXIT_BAD_INPUT;
                });
        int code = line.execute(args);
        if (out.checkError()) {
            err.println("error: could not write " + command.what() + " to the output stream (disk full, or the "
                    + "pipe or file closed?); the report is missing or incomplete");
            code = EXIT_OUTPUT_ERROR;
        }
        err.flush();
        return code;
    }

    /** What this run writes to the output stream, for the message when that fails. */
    private String what() {
        return format == null || template == null ? "the output" : "the " + format.trim().toLowerCase(Locale.ROOT)
                + " report of " + template;
    }

    @Override
    public Integer call() {
        try {
            ReportFormat reportFormat = ReportFormat.parse(format);
            Severity threshold = Severity.parse(failOn);
            CheckConfig checkConfig = config == null ? CheckConfig.defaults() : CheckConfig.read(config);
            CfnTemplate parsed = TemplateInput.read(template);
            CheckReport report = Checker.check(template.toString().replace('\\', '/'), parsed, checkConfig);
            out.print(reportFormat.render(report, parsed.source()));
            return report.exitCode(threshold);
        } catch (CheckInputException | IllegalArgumentException e) {
            err.println("error: " + Abbreviate.oneLine(e.getMessage()));
            return EXIT_BAD_INPUT;
        }
    }
}
