package dev.streampipe.testing.ddb;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Creates the project's tables on any DynamoDB endpoint (moto here) under names unique
 * in the JVM, so test classes sharing one server never see each other's items.
 *
 * <p>Tables are returned ACTIVE. Nothing deletes them: the in-memory server is discarded at the end.
 */
public final class LocalTables {

    private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private LocalTables() {
    }

    /**
     * A table name unique in this JVM: {@code <prefix>-<sequence>-<random>}.
     *
     * @throws IllegalArgumentException if the prefix is not 1..200 characters of {@code [A-Za-z0-9_.-]}
     */
    public static String uniqueName(String prefix) {
        if (prefix == null || !NAME_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "table name prefix must be 1..200 characters of [A-Za-z0-9_.-], was " + prefix);
        }
        int salt = ThreadLocalRandom.current().nextInt(1 << 24);
        return String.format("%s-%04d-%06x", prefix, SEQUENCE.incrementAndGet(), salt);
    }

    /** Creates a session table named {@code sessions-...} with keys {@code PK}/{@code SK}. */
    public static SessionTable createSessionTable(DynamoDbClient client) {
        return createSessionTable(client, uniqueName("sessions"), "PK", "SK");
    }

    /** Creates a session table with the given name and key attribute names (all strings). */
    public static SessionTable createSessionTable(
            DynamoDbClient client, String tableName, String partitionKeyName, String sortKeyName) {
        CreateTableResponse response = client.createTable(b -> b
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute(partitionKeyName), stringAttribute(sortKeyName))
                .keySchema(key(partitionKeyName, KeyType.HASH), key(sortKeyName, KeyType.RANGE))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        return new SessionTable(tableName, partitionKeyName, sortKeyName,
                response.tableDescription().latestStreamArn());
    }

    /** Creates a ledger table named {@code ledger-...} with the string key {@code PK}. */
    public static LedgerTable createLedgerTable(DynamoDbClient client) {
        return createLedgerTable(client, uniqueName("ledger"), "PK");
    }

    /** Creates a ledger table with the given name and string partition key attribute name. */
    public static LedgerTable createLedgerTable(DynamoDbClient client, String tableName, String keyName) {
        client.createTable(b -> b
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute(keyName))
                .keySchema(key(keyName, KeyType.HASH)));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        return new LedgerTable(tableName, keyName);
    }

    /** Creates a state table named {@code state-...}: string key {@code PK}, TTL on {@code expires_at}. */
    public static StateTable createStateTable(DynamoDbClient client) {
        return createStateTable(client, uniqueName("state"));
    }

    /** Creates a state table with the given name: string key {@code PK}, TTL on {@code expires_at}. */
    public static StateTable createStateTable(DynamoDbClient client, String tableName) {
        client.createTable(b -> b
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute("PK"))
                .keySchema(key("PK", KeyType.HASH)));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        client.updateTimeToLive(b -> b.tableName(tableName)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires_at")));
        return new StateTable(tableName, "PK", "expires_at");
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
