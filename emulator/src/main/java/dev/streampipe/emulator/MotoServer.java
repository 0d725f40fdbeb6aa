package dev.streampipe.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * One moto server ({@code python3 -m moto.server}) running as a child process on a free loopback port.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start(Options)} returns only once the server answers HTTP; before that it checks that Python
 *       and moto (with its server extras) are there and throws {@link MotoUnavailableException}, whose message
 *       carries the install command, when they are not.</li>
 *   <li>The process stops on {@link #close()}, on JVM shutdown (a hook, so Ctrl-C too), and on its own when this
 *       JVM dies without running hooks: the child watches its standard input and exits when the pipe closes.</li>
 *   <li>{@link #reset()} clears every service's state ({@code POST /moto-api/reset}).</li>
 *   <li>Everything the server prints (one line per request) goes to {@link Options#logFile()}.</li>
 * </ul>
 * Thread-safe.
 */
public final class MotoServer implements AutoCloseable {

    /** The region every client of the emulator uses; moto's ARNs carry it. */
    public static final Region REGION = Region.US_EAST_1;

    /** The command that installs what this launcher needs. */
    public static final String INSTALL_COMMAND = "python3 -m pip install 'moto[server]>=5.1'";

    private static final int[] MINIMUM_VERSION = {5, 1};
    private static final int START_ATTEMPTS = 5;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    /*
     * Runs moto's own entry point in the main thread (it installs signal handlers) and a daemon thread that
     * exits the interpreter as soon as standard input reaches end of file: the parent JVM is gone.
     */
    private static final String LAUNCH_SCRIPT = String.join("\n",
            "import os, sys, threading",
            "def watch_parent():",
            "    try:",
            "        sys.stdin.buffer.read()",
            "    finally:",
            "        os._exit(0)",
            "threading.Thread(target=watch_parent, daemon=True).start()",
            "from moto.server import main",
            "main(['-H', '127.0.0.1', '-p', sys.argv[1]])");

    private final Process process;
    private final int port;
    private final Path logFile;
    private final String version;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private boolean closed;

    private MotoServer(Process process, int port, Path logFile, String version, Duration startupTime) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.version = version;
        this.startupTime = startupTime;
        this.shutdownHook = new Thread(this::close, "moto-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server with {@link Options#defaults()}. */
    public static MotoServer start() {
        return start(Options.defaults());
    }

    /**
     * Starts a server and waits until it answers.
     *
     * @throws MotoUnavailableException when Python or moto's server is missing or too old
     * @throws MotoStartException when the process starts but does not answer in time, or dies
     */
    public static MotoServer start(Options options) {
        String version = checkInstalled(options.python());
        MotoStartException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freeLoopbackPort();
            try {
                return launch(options, port, version);
            } catch (PortTakenException e) {
                last = new MotoStartException("moto could not bind 127.0.0.1:" + port, e);
            }
        }
        throw last;
    }

    /** The loopback endpoint, e.g. {@code http://127.0.0.1:41234}: every service is served there. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The child process id (to show that nothing is left behind). */
    public long pid() {
        return process.pid();
    }

    /** moto's version, as it reports it. */
    public String version() {
        return version;
    }

    /** Wall time from launching the process until it answered. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Where the server's own output goes. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the child process is alive. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Points any SDK v2 client builder at this server: endpoint override, {@link #REGION} and dummy static
     * credentials. The caller keeps choosing the HTTP client and every other setting.
     */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return builder.endpointOverride(endpoint()).region(REGION).credentialsProvider(CREDENTIALS);
    }

    /**
     * Clears the state of every emulated service.
     *
     * @throws UncheckedIOException when the server does not answer with 200
     */
    public void reset() {
        try {
            int status = post(endpoint().resolve("/moto-api/reset"), Duration.ofSeconds(30));
            if (status != 200) {
                throw new IOException("HTTP " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto reset at " + endpoint() + " failed", e);
        }
    }

    /** Stops the process (end of input, then SIGTERM, then SIGKILL) and waits for it; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself: nothing to remove
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "moto " + version + " at " + endpoint() + " (pid " + process.pid() + ")";
    }

    private static MotoServer launch(Options options, int port, String version) {
        long t0 = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(options.logFile().toAbsolutePath().getParent());
            process = new ProcessBuilder(options.python(), "-u", "-c", LAUNCH_SCRIPT, Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(options.logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new MotoStartException("could not launch " + options.python() + " for moto", e);
        }
        long deadline = t0 + options.startupTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = tail(options.logFile());
                if (tail.contains("Address already in use")) {
                    throw new PortTakenException();
                }
                throw new MotoStartException("moto exited with code " + process.exitValue()
                        + " before answering; its last output (" + options.logFile() + "):\n" + tail);
            }
            try {
                if (post(URI.create("http://127.0.0.1:" + port + "/moto-api/reset"), Duration.ofSeconds(2)) == 200) {
                    return new MotoServer(process, port, options.logFile(), version,
                            Duration.ofNanos(System.nanoTime() - t0));
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new MotoStartException("moto did not answer on 127.0.0.1:" + port + " within "
                + options.startupTimeout().toSeconds() + " s; its last output (" + options.logFile() + "):\n"
                + tail(options.logFile()));
    }

    /** Returns moto's version, or throws the install instructions. */
    static String checkInstalled(String python) {
        Process probe;
        try {
            probe = new ProcessBuilder(python, "-c",
                    "import moto, moto.server, flask, flask_cors; print(moto.__version__)")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new MotoUnavailableException(python + " was not found (" + e.getMessage()
                    + "). Install Python 3, then moto: " + INSTALL_COMMAND);
        }
        try {
            probe.getOutputStream().close();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!probe.waitFor(60, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                throw new MotoUnavailableException(python + " did not answer within 60 s while importing moto");
            }
            if (probe.exitValue() != 0) {
                List<String> lines = out.lines().toList();
                String reason = lines.isEmpty() ? "exit code " + probe.exitValue() : lines.get(lines.size() - 1);
                throw new MotoUnavailableException("moto with its server extras is not installed for " + python
                        + " (" + reason + "). Install it with: " + INSTALL_COMMAND);
            }
            String version = out.lines().reduce((a, b) -> b).orElse("").strip();
            if (!atLeast(version, MINIMUM_VERSION)) {
                throw new MotoUnavailableException("moto " + version + " is older than 5.1. Upgrade it with: "
                        + INSTALL_COMMAND);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + python + "'s answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MotoStartException("interrupted while checking for moto", e);
        }
    }

    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version.split("[.]");
        for (int i = 0; i < minimum.length; i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i].replaceAll("[^0-9].*", "")) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (part != minimum[i]) {
                return part > minimum[i];
            }
        }
        return true;
    }

    private static int post(URI uri, Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            try (OutputStream body = connection.getOutputStream()) {
                body.write(new byte[0]);
            }
            int status = connection.getResponseCode();
            connection.getInputStream().readAllBytes();
            return status;
        } finally {
            connection.disconnect();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MotoStartException("interrupted while waiting for moto", e);
        }
    }

    /** Another process bound the port between the probe and moto's bind. */
    private static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTakenException() {
            super(null, null, false, false);
        }
    }

    /**
     * How to start the server.
     *
     * @param python the Python executable ({@code python3} by default, or {@code $STREAMPIPE_PYTHON})
     * @param logFile where the server's output goes (appended)
     * @param startupTimeout how long to wait for the first answer
     */
    public record Options(String python, Path logFile, Duration startupTimeout) {

        public Options {
            if (python == null || python.isBlank()) {
                throw new IllegalArgumentException("python executable must be non-blank, was " + python);
            }
            if (logFile == null) {
                throw new IllegalArgumentException("logFile must be given");
            }
            if (startupTimeout == null || startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
            }
        }

        /** {@code $STREAMPIPE_PYTHON} or {@code python3}, a log file in the temp directory, 30 s to start. */
        public static Options defaults() {
            try {
                return new Options(defaultPython(), Files.createTempFile("moto-", ".log"), Duration.ofSeconds(30));
            } catch (IOException e) {
                throw new UncheckedIOException("no temp file for moto's log", e);
            }
        }

        /** The defaults with the server's output going to {@code file}. */
        public static Options logTo(Path file) {
            return new Options(defaultPython(), file, Duration.ofSeconds(30));
        }

        /** A copy using another Python executable. */
        public Options withPython(String executable) {
            return new Options(executable, logFile, startupTimeout);
        }

        private static String defaultPython() {
            String configured = System.getenv("STREAMPIPE_PYTHON");
            return configured == null || configured.isBlank() ? "python3" : configured;
        }
    }
}
