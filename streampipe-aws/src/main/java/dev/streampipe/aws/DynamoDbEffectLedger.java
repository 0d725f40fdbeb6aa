package dev.streampipe.aws;

import dev.streampipe.aws.internal.AwsErrors;
import dev.streampipe.core.batch.EffectKey;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.batch.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The effect ledger on a DynamoDB table (partition key {@code PK}: the effect key's string form
 * {@code <eventID>#<route>}; TTL attribute {@code expires_at}): one
 * strongly consistent BatchGetItem per 100 keys before sending, one BatchWriteItem per 25 after; the calls of one
 * read or one write run concurrently on the given executor, so either costs one round trip whatever its size.
 * Unprocessed keys and items are retried a few times with a short backoff; if they remain,
 * {@link RetryableSinkException}.
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
    private final Executor calls;

    /** Calls of one read or write one after another (tests). */
    public DynamoDbEffectLedger(DynamoDbClient client, String table, Duration ttl, Clock clock, Sleeper sleeper) {
        this(client, table, ttl, clock, sleeper, Runnable::run);
    }

    public DynamoDbEffectLedger(DynamoDbClient client, String table, Duration ttl, Clock clock, Sleeper sleeper,
                                Executor calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
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
    public Set<EffectKey> completed(Collection<EffectKey> effectKeys) {
        Map<String, EffectKey> byItemKey = itemKeys(effectKeys);
        Set<String> done = ConcurrentHashMap.newKeySet();
        each(chunks(new ArrayList<>(byItemKey.keySet()), 100), chunk -> read(chunk, done));
        Set<EffectKey> out = new HashSet<>();
        for (String k : done) {
            out.add(byItemKey.get(k));
        }
        return out;
    }

    /** Each distinct effect by its item key, {@code <eventID>#<route>}. */
    private static Map<String, EffectKey> itemKeys(Collection<EffectKey> effectKeys) {
        Map<String, EffectKey> byItemKey = new HashMap<>();
        effectKeys.forEach(k -> byItemKey.put(k.toString(), k));
        return byItemKey;
    }

    private void read(List<String> keys, Set<String> done) {
        List<Map<String, AttributeValue>> chunk = keys.stream()
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

    @Override
    public void markCompleted(Collection<EffectKey> effectKeys) {
        long expiresAt = clock.instant().plus(ttl).getEpochSecond();
        List<String> keys = new ArrayList<>(itemKeys(effectKeys).keySet());
        each(chunks(keys, 25), chunk -> write(chunk, expiresAt));
    }

    private void write(List<String> keys, long expiresAt) {
        List<WriteRequest> writes = keys.stream()
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

    private static List<List<String>> chunks(List<String> keys, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += size) {
            out.add(keys.subList(from, Math.min(keys.size(), from + size)));
        }
        return out;
    }

    /** Runs {@code call} on every chunk, concurrently when there are several; the first failure is rethrown. */
    private void each(List<List<String>> chunks, Consumer<List<String>> call) {
        if (chunks.size() == 1) {
            call.accept(chunks.get(0));
            return;
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>(chunks.size());
        for (List<String> chunk : chunks) {
            futures.add(CompletableFuture.runAsync(() -> call.accept(chunk), calls));
        }
        RuntimeException first = null;
        for (CompletableFuture<Void> f : futures) {
            try {
                f.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (first == null) {
                    first = cause;
                } else {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first != null) {
            throw first;
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
