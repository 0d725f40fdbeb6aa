package dev.streampipe.testing.ddb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * One in-process DynamoDB Local 3.3.1 server per JVM, started lazily on a free port.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #shared()} starts the server on first use (thread-safe) and returns the same running
 *       instance until {@link #stop()}; a later {@link #shared()} starts a fresh, empty one.</li>
 *   <li>The server runs {@code -inMemory -sharedDb -disableTelemetry}: nothing is written to the working
 *       directory, and every client sees the same tables whatever its credentials or region.</li>
 *   <li>Jetty listens on all interfaces (DynamoDB Local has no host option); clients use
 *       {@code http://127.0.0.1:<port>}.</li>
 *   <li>It is stopped by {@link #stop()}, by {@link DynamoDbLocalExtension} at the end of a JUnit run,
 *       or by a JVM shutdown hook, whichever comes first.</li>
 * </ul>
 *
 * <p>Native SQLite: DynamoDB Local 3.x ships {@code libsqlite4java} for Linux, macOS and Windows inside
 * its own jar and extracts it to {@code java.io.tmpdir} at start, so no {@code sqlite4java.library.path}
 * or copied {@code .so} is needed (unlike 1.x, whose natives came as separate Maven artifacts).
 */
public final class DynamoDbLocalServer {

    /** Region every fixture client uses. */
    public static final Region REGION = Region.US_EAST_1;

    private static final int START_ATTEMPTS = 5;
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private static DynamoDbLocalServer running;
    private static boolean shutdownHookInstalled;

    private final DynamoDBProxyServer server;
    private final int port;
    private final Duration startupTime;

    private DynamoDbLocalServer(DynamoDBProxyServer server, int port, Duration startupTime) {
        this.server = server;
        this.port = port;
        this.startupTime = startupTime;
    }

    /** Returns the JVM's running server, starting it first if none runs. */
    public static synchronized DynamoDbLocalServer shared() {
        if (running == null) {
            running = start();
            if (!shutdownHookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(DynamoDbLocalServer::stop, "ddb-local-stop"));
                shutdownHookInstalled = true;
            }
        }
        return running;
    }

    /** Whether a server is running in this JVM now. */
    public static synchronized boolean isRunning() {
        return running != null;
    }

    /** Stops the JVM's server if one runs; idempotent. */
    public static synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local on port " + running.port + " failed to stop", e);
        } finally {
            running = null;
        }
    }

    /** The loopback endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** Wall time from the start call until the server accepted connections. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Points any SDK v2 client builder at this server: endpoint override, region {@link #REGION} and
     * dummy static credentials. The caller keeps choosing the HTTP client and other settings.
     */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return builder.endpointOverride(endpoint()).region(REGION).credentialsProvider(CREDENTIALS);
    }

    /** A new DynamoDB client for this server; the caller closes it. */
    public DynamoDbClient newClient() {
        return configure(DynamoDbClient.builder()).build();
    }

    /** A new DynamoDB Streams client for this server; the caller closes it. */
    public DynamoDbStreamsClient newStreamsClient() {
        return configure(DynamoDbStreamsClient.builder()).build();
    }

    private static DynamoDbLocalServer start() {
        Exception last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freeLoopbackPort();
            long t0 = System.nanoTime();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
                server.start();
                Duration startup = Duration.ofNanos(System.nanoTime() - t0);
                return new DynamoDbLocalServer(server, port, startup);
            } catch (Exception e) {
                if (!causedByBind(e)) {
                    throw new IllegalStateException("DynamoDB Local failed to start on port " + port, e);
                }
                last = e; // another process took the port between probe and bind: try another one
            }
        }
        throw new IllegalStateException("DynamoDB Local found no free port in " + START_ATTEMPTS + " attempts", last);
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
