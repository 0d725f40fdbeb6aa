package dev.streampipe.system.template;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs cfn-lint, when it is on the PATH, on one template; what it printed and its exit code. */
final class CfnLint {
    /** Why a test is skipped without it. */
    static final String MISSING = "cfn-lint is not on the PATH: install it with `python3 -m pip install cfn-lint`"
            + " (SAM users have it through `sam validate --lint`)";

    /** One run: whether it ended within the time, its output (standard output and error), its exit code. */
    record Run(boolean finished, String report, int exitCode) {
    }

    private CfnLint() {
    }

    static Optional<Path> onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "cfn-lint")).filter(Files::isExecutable).findFirst();
    }

    /** Runs {@code cfnLint} on {@code template} (relative to {@code dir}), for at most 2 minutes. */
    static Run run(Path cfnLint, Path dir, String template) throws IOException, InterruptedException {
        Path output = Files.createTempFile("cfn-lint", ".txt");
        try {
            Process lint = new ProcessBuilder(cfnLint.toString(), template).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = lint.waitFor(2, TimeUnit.MINUTES);
            if (!finished) {
                lint.destroyForcibly();
            }
            return new Run(finished, Files.readString(output, StandardCharsets.UTF_8),
                    finished ? lint.exitValue() : -1);
        } finally {
            Files.delete(output);
        }
    }
}
