package dev.streampipe.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One finished Maven invocation: its command, exit code and combined stdout + stderr (also kept in a log file).
 *
 * @param command  the command line
 * @param exitCode Maven's exit code ({@code -1} if it was killed after the timeout)
 * @param output   stdout and stderr, interleaved as Maven wrote them, ANSI colours removed
 * @param log      the file holding {@code output}
 */
record MavenRun(List<String> command, int exitCode, String output, Path log) {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");
    private static final Pattern WORTH_SHOWING = Pattern.compile(
            "\\[ERROR]|Tests run:|FAILURE|BUILD|<<<|Exception|Caused by");
    private static final int SHOWN_LINES = 80;

    /** Runs {@code command} in {@code workDir}, waiting at most {@code timeoutMinutes}. */
    static MavenRun run(List<String> command, Path workDir, Path log, long timeoutMinutes) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String output = ANSI.matcher(Files.readString(log, StandardCharsets.UTF_8)).replaceAll("");
            return new MavenRun(List.copyOf(command), finished ? process.exitValue() : -1, output, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * What a reader needs when the run failed: the command, the exit code, Maven's error lines and test
     * summary (at most 80 lines, in order), and where the full output is.
     */
    String failureReport() {
        List<String> lines = output.lines().toList();
        String shown = lines.stream().filter(line -> WORTH_SHOWING.matcher(line).find())
                .limit(SHOWN_LINES).collect(Collectors.joining("\n"));
        if (shown.isEmpty()) {
            shown = lines.stream().skip(Math.max(0, lines.size() - SHOWN_LINES)).collect(Collectors.joining("\n"));
        }
        return String.join(" ", command) + "\nexited " + exitCode + (exitCode == -1 ? " (timed out)" : "")
                + "; Maven's output (full log: " + log + "):\n" + shown;
    }
}
