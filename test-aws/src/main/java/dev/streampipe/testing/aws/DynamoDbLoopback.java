package dev.streampipe.testing.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    private final LoopbackServer server;

    private DynamoDbLoopback() {
        server = LoopbackServer.start("loopback-dynamodb",
                new LoopbackDispatcher(List.of(dynamoDb), () -> Duration.ZERO, unexpected));
    }

    /** Starts a server on an ephemeral loopback port. */
    public static DynamoDbLoopback start() {
        return new DynamoDbLoopback();
    }

    public URI endpoint() {
        return server.endpoint();
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
        server.close();
    }
}
