package dev.streampipe.aws;

import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.batch.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The effect ledger on a DynamoDB table (partition key {@code PK}, TTL attribute {@code expires_at}): one
 * strongly consistent BatchGetItem per 100 keys before sending, one BatchWriteItem per 25 after. Unprocessed keys
 * and items are retried a few times with a short backoff; if they remain, {@link RetryableSinkException}.
 */
public final class DynamoDbEffectLedger implements EffectLedger {
    public static final String KEY = "PK";
    public static final String EXPIRES_AT = "expires_at";
    private static final int MAX_ROUNDS = 5;
    private final DynamoDbClient client;
    private final String table;
    private final Duration ttl;
    private final Clock clock;
    private final Sleeper sleeper;

    public DynamoDbEffectLedger(DynamoDbClient client, String table, Duration ttl, Clock clock, Sleeper sleeper) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        if (ttl.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("ledger TTL must be >= 24h (the stream's retention), was " + ttl);
        }
        this.ttl = ttl;
    }

    @Override
    public Set<String> completed(Collection<String> effectKeys) {
        Set<String> done = new HashSet<>();
        List<String> keys = new ArrayList<>(new HashSet<>(effectKeys));
        for (int from = 0; from < keys.size(); from += 100) {
            List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + 100)).stream()
                    .map(k -> Map.of(KEY, AttributeValue.fromS(k))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(chunk)
                    .consistentRead(true).projectionExpression(KEY).build());
            for (int round = 1; ; round++) {
                BatchGetItemResponse response;
                try {
                    Map<String, KeysAndAttributes> items = request;
                    response = client.batchGetItem(b -> b.requestItems(items));
                } catch (SdkException e) {
                    throw AwsErrors.wholeCall("DynamoDB.BatchGetItem(ledger)", e);
                }
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    done.add(item.get(KEY).s());
                }
                Map<String, KeysAndAttributes> unprocessed = response.unprocessedKeys();
                if (unprocessed == null || unprocessed.isEmpty()) {
                    break;
                }
                backoff(round, "BatchGetItem left " + unprocessed.get(table).keys().size() + " keys unprocessed");
                request = unprocessed;
            }
        }
        return done;
    }

    @Override
    public void markCompleted(Collection<String> effectKeys) {
        long expiresAt = clock.instant().plus(ttl).getEpochSecond();
        List<String> keys = new ArrayList<>(new HashSet<>(effectKeys));
        for (int from = 0; from < keys.size(); from += 25) {
            List<WriteRequest> writes = keys.subList(from, Math.min(keys.size(), from + 25)).stream()
                    .map(k -> WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                            KEY, AttributeValue.fromS(k),
                            EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)))).build()).build())
                    .toList();
            Map<String, List<WriteRequest>> request = Map.of(table, writes);
            for (int round = 1; ; round++) {
                BatchWriteItemResponse response;
                try {
                    Map<String, List<WriteRequest>> items = request;
                    response = client.batchWriteItem(b -> b.requestItems(items));
                } catch (SdkException e) {
                    throw AwsErrors.wholeCall("DynamoDB.BatchWriteItem(ledger)", e);
                }
                Map<String, List<WriteRequest>> unprocessed = response.unprocessedItems();
                if (unprocessed == null || unprocessed.isEmpty()) {
                    break;
                }
                backoff(round, "BatchWriteItem left " + unprocessed.get(table).size() + " items unprocessed");
                request = unprocessed;
            }
        }
    }

    private void backoff(int round, String what) {
        if (round >= MAX_ROUNDS) {
            throw new RetryableSinkException("ledger: " + what + " after " + round + " rounds");
        }
        try {
            sleeper.sleep(Duration.ofMillis(20L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableSinkException("ledger: interrupted while retrying; " + what);
        }
    }
}
