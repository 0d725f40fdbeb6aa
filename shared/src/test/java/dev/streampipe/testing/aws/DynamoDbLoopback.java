package dev.streampipe.testing.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;

/**
 * A loopback DynamoDB endpoint on {@code 127.0.0.1} (ephemeral port) serving a scripted {@link DynamoDbStub} to
 * real SDK v2 clients, configured like {@link LoopbackAws} (region {@link LoopbackAws#REGION}, static credentials,
 * URL-connection client, SDK retries off unless the builder chose some). It is its own server so tests of
 * DynamoDB clients need not start the other services; it shares their dispatcher, fault plans and recording.
 *
 * <pre>{@code
 * try (DynamoDbLoopback ddb = DynamoDbLoopback.start()) {
 *     ddb.dynamoDb().answer("GetItem", "{\"Item\": {\"PK\": {\"S\": \"A\"}}}");
 *     DynamoDbClient client = ddb.client(DynamoDbClient.builder());
 *     ...
 *     assertThat(ddb.dynamoDb().calls("GetItem")).hasSize(1);
 *     assertThat(ddb.unexpected()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Contract: thread-safe; {@link #close()} stops the server; clients built by {@link #client} are the caller's.
 */
public final class DynamoDbLoopback implements AutoCloseable {

    private final DynamoDbStub dynamoDb = new DynamoDbStub();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final ExecutorService executor;
    private final HttpServer server;

    private DynamoDbLoopback() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "loopback-dynamodb");
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", new LoopbackDispatcher(List.of(dynamoDb), () -> Duration.ZERO, unexpected));
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server on an ephemeral loopback port. */
    public static DynamoDbLoopback start() {
        try {
            return new DynamoDbLoopback();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }

    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    public DynamoDbStub dynamoDb() {
        return dynamoDb;
    }

    /** Requests the endpoint could not route or decode, and failures inside it. */
    public List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Points a client builder at this endpoint; see {@link LoopbackAws#configure}. */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return LoopbackAws.configure(builder, endpoint());
    }

    /** {@link #configure Configures} and builds a client, e.g. {@code client(DynamoDbClient.builder())}. */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return configure(builder).build();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
