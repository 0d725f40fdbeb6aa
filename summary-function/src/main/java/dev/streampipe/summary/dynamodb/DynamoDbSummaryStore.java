package dev.streampipe.summary.dynamodb;

import dev.streampipe.session.SessionKeys;
import dev.streampipe.session.SortKeyRange;
import dev.streampipe.session.SummaryWindow;
import dev.streampipe.summary.PermanentSummaryException;
import dev.streampipe.summary.RetryableSummaryException;
import dev.streampipe.summary.SummaryConfig;
import dev.streampipe.summary.SummaryRecord;
import dev.streampipe.summary.SummaryStore;
import dev.streampipe.summary.Turn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link SummaryStore} on the session table (docs/design.md §1). Turns are read with strongly consistent range
 * queries ({@code BETWEEN TURN#first AND TURN#last}, split where the key width grows, paginated); summaries
 * are written with {@code attribute_not_exists(<sort key>)}. The summary item holds {@code summary_text},
 * {@code window_start}, {@code window_end}, {@code created_at} (ISO-8601), {@code ttl} (epoch seconds)
 * and {@code summarizer}.
 *
 * <p>Throttling, 5xx and client I/O errors become {@link RetryableSummaryException}; other service errors
 * and corrupt items {@link PermanentSummaryException}. Thread-safe.
 */
public final class DynamoDbSummaryStore implements SummaryStore {

    static final String SUMMARY_TEXT = "summary_text";
    static final String WINDOW_START = "window_start";
    static final String WINDOW_END = "window_end";
    static final String CREATED_AT = "created_at";
    static final String TTL = "ttl";
    static final String SUMMARIZER = "summarizer";

    private final DynamoDbClient client;
    private final String table;
    private final String pk;
    private final String sk;
    private final SessionKeys keys;
    private final TurnItems turnItems;

    public DynamoDbSummaryStore(DynamoDbClient client, SummaryConfig config) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = config.tableName();
        this.pk = config.partitionKeyName();
        this.sk = config.sortKeyName();
        this.keys = config.keys();
        this.turnItems = new TurnItems(table, pk, sk, keys);
    }

    @Override
    public boolean summaryExists(String sessionId, long window) {
        return call("read " + keys.summarySortKey(window), () -> client.getItem(b -> b
                .tableName(table).key(summaryKey(sessionId, window)).consistentRead(true)
                .projectionExpression("#sk").expressionAttributeNames(Map.of("#sk", sk)))).hasItem();
    }

    @Override
    public Optional<String> summaryText(String sessionId, long window) {
        Map<String, AttributeValue> item = call("read " + keys.summarySortKey(window), () -> client.getItem(b -> b
                .tableName(table).key(summaryKey(sessionId, window)).consistentRead(true)
                .projectionExpression("#text").expressionAttributeNames(Map.of("#text", SUMMARY_TEXT)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue text = item.get(SUMMARY_TEXT);
        if (text == null || text.s() == null) {
            throw new PermanentSummaryException("summary item " + keys.sessionPartitionKey(sessionId) + " / "
                    + keys.summarySortKey(window) + " in table " + table + " is corrupt: no string " + SUMMARY_TEXT);
        }
        return Optional.of(text.s());
    }

    @Override
    public List<Turn> turns(String sessionId, SummaryWindow window) {
        List<Turn> turns = new ArrayList<>(window.interval());
        for (SortKeyRange range : keys.turnSortKeyRanges(window)) {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> exclusiveStart = start;
                QueryResponse page = call("query " + range.from() + ".." + range.to(), () -> client.query(b -> b
                        .tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                        .projectionExpression("#pk, #sk, #number, #role, #content")
                        .expressionAttributeNames(Map.of("#pk", pk, "#sk", sk, "#number", TurnItems.TURN_NUMBER,
                                "#role", TurnItems.ROLE, "#content", TurnItems.CONTENT))
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(keys.sessionPartitionKey(sessionId)),
                                ":from", AttributeValue.fromS(range.from()),
                                ":to", AttributeValue.fromS(range.to())))
                        .exclusiveStartKey(exclusiveStart)));
                page.items().forEach(item -> turns.add(turnItems.decode(item)));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        return List.copyOf(turns);
    }

    @Override
    public boolean putIfAbsent(SummaryRecord summary) {
        Map<String, AttributeValue> item = new HashMap<>(summaryKey(summary.sessionId(), summary.window().number()));
        item.put(SUMMARY_TEXT, AttributeValue.fromS(summary.text()));
        item.put(WINDOW_START, AttributeValue.fromN(Long.toString(summary.window().firstTurn())));
        item.put(WINDOW_END, AttributeValue.fromN(Long.toString(summary.window().lastTurn())));
        item.put(CREATED_AT, AttributeValue.fromS(summary.createdAt().toString()));
        item.put(TTL, AttributeValue.fromN(Long.toString(summary.expiresAt().getEpochSecond())));
        item.put(SUMMARIZER, AttributeValue.fromS(summary.summarizer()));
        try {
            call("write " + keys.summarySortKey(summary.window().number()), () -> client.putItem(b -> b
                    .tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", sk))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // written by a concurrent or earlier invocation: the summary exists, which is the goal
        }
    }

    private Map<String, AttributeValue> summaryKey(String sessionId, long window) {
        return Map.of(pk, AttributeValue.fromS(keys.sessionPartitionKey(sessionId)),
                sk, AttributeValue.fromS(keys.summarySortKey(window)));
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (AwsServiceException e) {
            String message = "DynamoDB " + what + " in table " + table + " failed: "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()
                    + " (HTTP " + e.statusCode() + "): " + e.awsErrorDetails().errorMessage());
            if (e.isThrottlingException() || e.isClockSkewException() || e.statusCode() >= 500) {
                throw new RetryableSummaryException(message, e);
            }
            throw new PermanentSummaryException(message, e);
        } catch (SdkClientException e) {
            throw new RetryableSummaryException("DynamoDB " + what + " in table " + table
                    + " failed on the client side: " + e.getMessage(), e);
        }
    }
}
