package dev.streampipe.testing.ddb;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * JUnit 5 extension giving tests a real SDK v2 client against the JVM's one DynamoDB Local server.
 *
 * <p>Use either form:
 * <pre>{@code
 * @RegisterExtension
 * static final DynamoDbLocalExtension DDB = new DynamoDbLocalExtension();
 * ... SessionTable table = DDB.createSessionTable(); DDB.client().putItem(...);
 *
 * @ExtendWith(DynamoDbLocalExtension.class)
 * class FooIT { @Test void x(DynamoDbClient client, DynamoDbLocalExtension ddb) { ... } }
 * }</pre>
 *
 * <p>Contract: the server starts lazily on first use and is shared by every test class in the JVM; it
 * is stopped when the JUnit run ends (root-store resource) or at JVM exit. Clients are built lazily per
 * extension instance, must not be closed by tests, and are closed after the test class. Tables are
 * never dropped; create a fresh one per test (names are unique) instead of cleaning up.
 * Parameters resolved: {@link DynamoDbClient}, {@link DynamoDbStreamsClient}, this extension.
 */
public final class DynamoDbLocalExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DynamoDbLocalExtension.class);

    private DynamoDbClient client;
    private DynamoDbStreamsClient streamsClient;

    /** Starts (or joins) the shared server and ties its stop to the end of the JUnit run. */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ServerStopper.class, k -> new ServerStopper(), ServerStopper.class);
        server();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
            client = null;
        }
        if (streamsClient != null) {
            streamsClient.close();
            streamsClient = null;
        }
    }

    /** The shared server, started if needed. */
    public DynamoDbLocalServer server() {
        return DynamoDbLocalServer.shared();
    }

    /** A DynamoDB client for the shared server (endpoint override, us-east-1, dummy credentials). */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = server().newClient();
        }
        return client;
    }

    /** A DynamoDB Streams client for the shared server. */
    public synchronized DynamoDbStreamsClient streamsClient() {
        if (streamsClient == null) {
            streamsClient = server().newStreamsClient();
        }
        return streamsClient;
    }

    /** A fresh session table ({@code PK}/{@code SK} strings, NEW_AND_OLD_IMAGES stream, on-demand). */
    public SessionTable createSessionTable() {
        return LocalTables.createSessionTable(client());
    }

    /** A fresh session table with the given key attribute names. */
    public SessionTable createSessionTable(String partitionKeyName, String sortKeyName) {
        return LocalTables.createSessionTable(
                client(), LocalTables.uniqueName("sessions"), partitionKeyName, sortKeyName);
    }

    /** A fresh ledger table ({@code PK} string, on-demand). */
    public LedgerTable createLedgerTable() {
        return LocalTables.createLedgerTable(client());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DynamoDbClient.class || type == DynamoDbStreamsClient.class
                || type == DynamoDbLocalExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == DynamoDbClient.class) {
            return client();
        }
        if (type == DynamoDbStreamsClient.class) {
            return streamsClient();
        }
        if (type == DynamoDbLocalExtension.class) {
            return this;
        }
        throw new ParameterResolutionException("unsupported parameter type " + type.getName());
    }

    /** Stops the shared server when the root extension context (the whole JUnit run) closes. */
    private static final class ServerStopper implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            DynamoDbLocalServer.stop();
        }
    }
}
