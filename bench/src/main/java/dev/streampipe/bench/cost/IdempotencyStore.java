package dev.streampipe.bench.cost;

import dev.streampipe.bench.router.NaiveFanOut;
import dev.streampipe.core.record.ChangeRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The per-handler idempotency pattern of Powertools for AWS Lambda (its DynamoDB persistence store, default
 * attribute names), wrapped around each stream record's handling: one conditional {@code PutItem} of an
 * {@code INPROGRESS} item before the record's sends and one {@code UpdateItem} to {@code COMPLETED} with the
 * handler's (small) response after. The happy path only: no record is seen twice, so no condition fails and no
 * item is read. The calls go over the wire to whatever endpoint the client points at, so their size is metered,
 * not assumed.
 */
final class IdempotencyStore implements NaiveFanOut.RecordWrapper {
    static final String KEY = "id";
    private static final String CONDITION = "attribute_not_exists(#id) OR #expiry < :now"
            + " OR (attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis"
            + " AND #status = :inprogress)";
    private static final String COMPLETE = "SET #response_data = :response_data, #expiry = :expiry, #status = :status";
    private final DynamoDbClient client;
    private final String table;
    private final String functionName;
    private final Clock clock;
    private final Duration expiry;

    IdempotencyStore(DynamoDbClient client, String table, String functionName, Clock clock, Duration expiry) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
    }

    @Override
    public void around(ChangeRecord record, Runnable sends) {
        AttributeValue id = AttributeValue.fromS(functionName + ".handleRecord#"
                + md5(record.eventId() + "#" + record.sequenceNumber()));
        long now = clock.millis();
        String expiresAt = Long.toString(clock.instant().plus(expiry).getEpochSecond());
        client.putItem(b -> b.tableName(table)
                .item(Map.of(KEY, id, "expiration", AttributeValue.fromN(expiresAt),
                        "in_progress_expiration", AttributeValue.fromN(Long.toString(now + 60_000)),
                        "status", AttributeValue.fromS("INPROGRESS")))
                .conditionExpression(CONDITION)
                .expressionAttributeNames(Map.of("#id", KEY, "#expiry", "expiration",
                        "#in_progress_expiry", "in_progress_expiration", "#status", "status"))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now / 1000)),
                        ":now_in_millis", AttributeValue.fromN(Long.toString(now)),
                        ":inprogress", AttributeValue.fromS("INPROGRESS"))));
        sends.run();
        client.updateItem(b -> b.tableName(table).key(Map.of(KEY, id)).updateExpression(COMPLETE)
                .expressionAttributeNames(Map.of("#response_data", "data", "#expiry", "expiration",
                        "#status", "status"))
                .expressionAttributeValues(Map.of(":response_data", AttributeValue.fromS("null"),
                        ":expiry", AttributeValue.fromN(expiresAt), ":status", AttributeValue.fromS("COMPLETED"))));
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
