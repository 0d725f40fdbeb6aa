package dev.streampipe.testing.moto;

import dev.streampipe.emulator.MotoServer;
import dev.streampipe.testing.ddb.LedgerTable;
import dev.streampipe.testing.ddb.LocalTables;
import dev.streampipe.testing.ddb.SessionTable;
import dev.streampipe.testing.ddb.StateTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * JUnit 5 extension giving tests real SDK v2 clients against the JVM's one moto server.
 *
 * <p>Use either form:
 * <pre>{@code
 * @RegisterExtension
 * static final MotoExtension MOTO = new MotoExtension();
 * ... SessionTable table = MOTO.createSessionTable(); MOTO.client().putItem(...);
 *
 * @ExtendWith(MotoExtension.class)
 * class FooIT { @Test void x(DynamoDbClient client, MotoExtension moto) { ... } }
 * }</pre>
 *
 * <p>Contract: the server ({@link MotoServer}) starts on first use and is shared by every test class in the
 * JVM; its state is reset before each test class (so classes never see each other's resources) and it is
 * stopped when the JUnit run ends, or at JVM exit, or when the JVM dies. When Python or moto is missing, every
 * test using this extension fails with {@link dev.streampipe.emulator.MotoUnavailableException}, whose message
 * gives the install command: such tests never skip. Within a class, create fresh tables per test (names are
 * unique). Clients must not be closed by tests; they are closed after the class. The server's request log is
 * {@code target/moto.log} of the module under test. Parameters resolved: {@link DynamoDbClient},
 * {@link DynamoDbStreamsClient}, this extension.
 */
public final class MotoExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

    private static MotoServer shared;

    private DynamoDbClient client;
    private DynamoDbStreamsClient streamsClient;

    /** Starts (or joins) the shared server, resets its state, and ties its stop to the end of the JUnit run. */
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ServerStopper.class, k -> new ServerStopper(), ServerStopper.class);
        server().reset();
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

    /** The JVM's server, started on first use. */
    public MotoServer server() {
        synchronized (MotoExtension.class) {
            if (shared == null || !shared.isRunning()) {
                shared = MotoServer.start(MotoServer.Options.logTo(logFile()));
            }
            return shared;
        }
    }

    /** A DynamoDB client for the server (endpoint override, us-east-1, dummy credentials, URLConnection). */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = server().configure(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        }
        return client;
    }

    /** A DynamoDB Streams client for the server. */
    public synchronized DynamoDbStreamsClient streamsClient() {
        if (streamsClient == null) {
            streamsClient = server().configure(DynamoDbStreamsClient.builder())
                    .httpClient(UrlConnectionHttpClient.create()).build();
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

    /** A fresh ledger table with the given string partition key name. */
    public LedgerTable createLedgerTable(String keyName) {
        return LocalTables.createLedgerTable(client(), LocalTables.uniqueName("ledger"), keyName);
    }

    /** A fresh state table ({@code PK} string, TTL on {@code expires_at}, on-demand). */
    public StateTable createStateTable() {
        return LocalTables.createStateTable(client());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DynamoDbClient.class || type == DynamoDbStreamsClient.class || type == MotoExtension.class;
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
        if (type == MotoExtension.class) {
            return this;
        }
        throw new ParameterResolutionException("unsupported parameter type " + type.getName());
    }

    private static Path logFile() {
        Path target = Path.of("target");
        try {
            return Files.isDirectory(target) ? target.resolve("moto.log") : Files.createTempFile("moto-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("no file for moto's log", e);
        }
    }

    /** Stops the shared server when the root extension context (the whole JUnit run) closes. */
    private static final class ServerStopper implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            synchronized (MotoExtension.class) {
                if (shared != null) {
                    shared.close();
                    shared = null;
                }
            }
        }
    }
}
