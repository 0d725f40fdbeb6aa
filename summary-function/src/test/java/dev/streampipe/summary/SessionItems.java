package dev.streampipe.summary;

import dev.streampipe.session.SessionKeys;
import dev.streampipe.testing.ddb.SessionTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Writes session items the way the chat product does (docs/design.md §1), for integration tests. */
final class SessionItems {

    private final DynamoDbClient client;
    private final SessionTable table;
    private final SessionKeys keys = SessionKeys.DEFAULT;

    SessionItems(DynamoDbClient client, SessionTable table) {
        this.client = client;
        this.table = table;
    }

    /** Text of turn {@code n} as the plain-text writers below store it. */
    static String text(long n) {
        return (n % 2 == 1 ? "Customer asks question " : "Agent answers question ") + n + ". Details follow.";
    }

    static String role(long n) {
        return n % 2 == 1 ? "user" : "assistant";
    }

    /** Turns {@code first..last} with plain-text content. */
    void textTurns(String sessionId, long first, long last) {
        for (long n = first; n <= last; n++) {
            put(turnItem(sessionId, n, AttributeValue.fromS(text(n))));
        }
    }

    /** Turns {@code first..last} with zlib-compressed binary content. */
    void compressedTurns(String sessionId, long first, long last) {
        for (long n = first; n <= last; n++) {
            put(turnItem(sessionId, n, AttributeValue.fromB(SdkBytes.fromByteArray(CompressedText.deflate(text(n))))));
        }
    }

    /** One turn with any content value. */
    void putTurn(String sessionId, long n, AttributeValue content) {
        put(turnItem(sessionId, n, content));
    }

    /** Items a session also has: META, a HANDOFF, which turn queries must not pick up. */
    void otherItems(String sessionId) {
        put(Map.of(table.partitionKeyName(), AttributeValue.fromS(keys.sessionPartitionKey(sessionId)),
                table.sortKeyName(), AttributeValue.fromS("META"), "status", AttributeValue.fromS("active")));
        put(Map.of(table.partitionKeyName(), AttributeValue.fromS(keys.sessionPartitionKey(sessionId)),
                table.sortKeyName(), AttributeValue.fromS("HANDOFF#2026-03-01T12:00:00Z"),
                "agent_id", AttributeValue.fromS("agent-7")));
    }

    /** Every item of the session whose sort key starts with {@code prefix}, in key order. */
    List<Map<String, AttributeValue>> items(String sessionId, String prefix) {
        return client.query(b -> b.tableName(table.name()).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", table.partitionKeyName(), "#sk", table.sortKeyName()))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(keys.sessionPartitionKey(sessionId)),
                        ":prefix", AttributeValue.fromS(prefix)))).items();
    }

    private Map<String, AttributeValue> turnItem(String sessionId, long n, AttributeValue content) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(table.partitionKeyName(), AttributeValue.fromS(keys.sessionPartitionKey(sessionId)));
        item.put(table.sortKeyName(), AttributeValue.fromS(keys.turnSortKey(n)));
        item.put("turn_number", AttributeValue.fromN(Long.toString(n)));
        item.put("role", AttributeValue.fromS(role(n)));
        item.put("content", content);
        return item;
    }

    private void put(Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName(table.name()).item(item));
    }
}
