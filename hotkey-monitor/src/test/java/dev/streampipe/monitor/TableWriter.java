package dev.streampipe.monitor;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Puts turn items into a session table. */
final class TableWriter {

    private final DynamoDbClient client;
    private final String table;

    TableWriter(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /** Writes {@code SESSION#<session>} / {@code TURN#<turn>} with ~100 bytes of content (1 WCU). */
    void putTurn(String session, long turn) {
        client.putItem(b -> b.tableName(table).item(Map.of(
                "PK", AttributeValue.fromS("SESSION#" + session),
                "SK", AttributeValue.fromS(String.format("TURN#%06d", turn)),
                "turn_number", AttributeValue.fromN(Long.toString(turn)),
                "role", AttributeValue.fromS("user"),
                "content", AttributeValue.fromS("x".repeat(100)))));
    }
}
