package dev.streampipe.testing.moto;


import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.emulator.MotoServer;
import dev.streampipe.testing.ddb.LedgerTable;
import dev.streampipe.testing.ddb.SessionTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class MotoExtensionIT {

    @RegisterExtension
    static final MotoExtension DDB = new MotoExtension();

    @Test
    void shouldStreamNewAndOldImagesWhenItemWrittenToSessionTable() {
        // GIVEN a fresh session table
        SessionTable table = DDB.createSessionTable();
        Map<String, AttributeValue> item = Map.of(
                "PK", AttributeValue.fromS("SESSION#s-1"), "SK", AttributeValue.fromS("TURN#000001"),
                "turn_number", AttributeValue.fromN("1"));

        // WHEN an item is written
        DDB.client().putItem(b -> b.tableName(table.name()).item(item));

        // THEN it is readable and its INSERT is on the table's stream with the new image
        assertThat(DDB.client().getItem(b -> b.tableName(table.name())
                .key(Map.of("PK", item.get("PK"), "SK", item.get("SK")))).item()).isEqualTo(item);
        List<Record> records = readWholeStream(DDB.streamsClient(), table.streamArn());
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.eventName()).isEqualTo(OperationType.INSERT);
            assertThat(r.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
            assertThat(r.dynamodb().newImage()).isEqualTo(item);
        });
    }

    @Test
    void shouldUseConfiguredKeyNamesWhenCreatingSessionTable() {
        // WHEN a session table is created with custom key names
        SessionTable table = DDB.createSessionTable("pk", "sk");

        // THEN the key schema uses them and billing is on demand
        TableDescription description = DDB.client().describeTable(b -> b.tableName(table.name())).table();
        assertThat(description.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(description.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.streamArn()).contains(table.name());
    }

    @Test
    void shouldCreateHashOnlyLedgerTableWhenAsked() {
        // WHEN a ledger table is created
        LedgerTable ledger = DDB.createLedgerTable();
        LedgerTable named = DDB.createLedgerTable("effect_id");

        // THEN it has a single string hash key and no stream
        TableDescription description = DDB.client().describeTable(b -> b.tableName(ledger.name())).table();
        assertThat(description.keySchema()).singleElement()
                .satisfies(k -> assertThat(k.attributeName()).isEqualTo("PK"));
        assertThat(DDB.client().describeTable(b -> b.tableName(named.name())).table().keySchema()).singleElement()
                .satisfies(k -> assertThat(k.attributeName()).isEqualTo("effect_id"));
        assertThat(description.attributeDefinitions()).singleElement()
                .satisfies(a -> assertThat(a.attributeTypeAsString()).isEqualTo("S"));
        assertThat(description.streamSpecification()).isNull();
    }

    @Test
    void shouldShareOneServerAndItsTablesWhenAnotherExtensionAndOtherCredentialsAreUsed() {
        // GIVEN a table created through this class's extension
        SessionTable table = DDB.createSessionTable();

        // WHEN a second extension and a client with other credentials look (moto keys state by account and region)
        MotoExtension other = new MotoExtension();
        try (DynamoDbClient stranger = DynamoDbClient.builder()
                .endpointOverride(other.server().endpoint())
                .region(MotoServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("other", "x")))
                .build()) {

            // THEN they reach the same server and see the same table
            assertThat(other.server()).isSameAs(DDB.server());
            assertThat(stranger.listTables().tableNames()).contains(table.name());
        }
    }

    @Test
    void shouldReportStartupTimeWhenServerRuns() {
        // WHEN the server has started
        MotoServer server = DDB.server();

        // THEN it knows how long its start took (figure printed for the build log)
        System.out.printf("moto %s started on port %d in %d ms%n",
                server.version(), server.port(), server.startupTime().toMillis());
        assertThat(server.startupTime()).isPositive();
        assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
    }

    static List<Record> readWholeStream(DynamoDbStreamsClient streams, String streamArn) {
        return streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().stream()
                .flatMap(shard -> {
                    String iterator = streams.getShardIterator(b -> b.streamArn(streamArn)
                            .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
                    return streams.getRecords(b -> b.shardIterator(iterator)).records().stream();
                })
                .toList();
    }
}
