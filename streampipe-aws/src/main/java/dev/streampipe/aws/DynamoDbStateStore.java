package dev.streampipe.aws;

import static dev.streampipe.aws.internal.StateItems.CHUNKS;
import static dev.streampipe.aws.internal.StateItems.CHUNK;
import static dev.streampipe.aws.internal.StateItems.CLOSED;
import static dev.streampipe.aws.internal.StateItems.ENTRIES;
import static dev.streampipe.aws.internal.StateItems.EXPIRES_AT;
import static dev.streampipe.aws.internal.StateItems.GROUP;
import static dev.streampipe.aws.internal.StateItems.GROUPS;
import static dev.streampipe.aws.internal.StateItems.KEY;
import static dev.streampipe.aws.internal.StateItems.MEASURE_PREFIX;
import static dev.streampipe.aws.internal.StateItems.OPEN;
import static dev.streampipe.aws.internal.StateItems.PENDING;
import static dev.streampipe.aws.internal.StateItems.SHARD;
import static dev.streampipe.aws.internal.StateItems.STORE;
import static dev.streampipe.aws.internal.StateItems.STREAM_TIME;
import static dev.streampipe.aws.internal.StateItems.VERSION;
import static dev.streampipe.aws.internal.StateItems.WINDOW_START;

import dev.streampipe.aws.internal.AwsErrors;
import dev.streampipe.aws.internal.StateItems;
import dev.streampipe.aws.internal.StateItems.Entry;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.core.state.ClosedWindow;
import dev.streampipe.core.state.GroupKey;
import dev.streampipe.core.state.StateStore;
import dev.streampipe.core.state.StoreSpec;
import dev.streampipe.core.state.TimeWindows;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The aggregations' {@link StateStore} on one DynamoDB table (partition key {@code PK}, a string; TTL attribute
 * {@code expires_at}); the item layout is described in {@link StateItems}.
 *
 * <p><b>Values.</b> A (group, window) value is one item per write shard, one Number attribute per measure, changed
 * only by {@code ADD}: a batch writes shard {@link StoreSpec#writeShardOf} of its id, a read sums every shard
 * (strongly consistent BatchGetItem, 100 keys a call). Windowed values expire 7 days after their window closes;
 * table values never expire.
 *
 * <p><b>Replace per batch id.</b> A batch's group keys are spread over {@value StateItems#CHUNKS} chunks by a hash
 * of the key; each chunk keeps a receipt ({@code r#<batch>#<chunk>}, expiring after 25 hours, past the stream's
 * 24-hour retention) holding what the batch added to each value of the chunk. {@link #apply} writes a chunk in one
 * TransactWriteItems: the receipt put on condition it does not exist, plus one {@code ADD} per value. The
 * transactions of several chunks are packed together up to 100 actions, and run concurrently on the executor; the
 * receipts of the chunks the contribution does not touch are read at the same time (one BatchGetItem). So a first
 * delivery costs one round trip: TransactWriteItems per 100 actions plus one BatchGetItem. When a receipt exists
 * already (the transaction is cancelled on its condition, which returns the old receipt), the chunk is written
 * again as a replace: the receipt on condition its version is unchanged, and per value the new delta minus the
 * old one, taking back the values the old receipt holds and the new contribution does not; a receipt found by the
 * read is taken back the same way (a receipt left with nothing is put empty: no DeleteItem is needed). A chunk must
 * fit one transaction (1 receipt + its values + its window items &le; 100 actions): a batch whose chunk needs more
 * fails with {@link IllegalArgumentException} naming the limit. With the keys hashed evenly, 1,500 distinct (group,
 * window) values in a batch overflow a chunk with a probability under 10<sup>-9</sup>, 2,000 about
 * 2&middot;10<sup>-4</sup>; 3,168 is the most there can be.
 *
 * <p><b>Windows.</b> A window is kept in one item per chunk and write shard ({@code w#..}): the groups of the chunk
 * that had records, added by the same transaction as their values, on condition the item is not closed. Before a
 * batch writes a window for the first time in this process, it registers the window's start in the store's time
 * item ({@code t#<store>}, set {@code open}), on condition the stream time has not reached the window's close; a
 * window due to close is refused there. {@link #closeDue} advances the stream time, closes every chunk item of every
 * registered window that is due ({@value StateItems#CHUNKS} per write shard, 100 a TransactWriteItems; an item no
 * batch wrote is created closed, so no batch can write it after), reads their groups (one BatchGetItem), moves the
 * windows from {@code open} to {@code pending}, and returns the pending windows' final values; {@link #emitted} takes
 * a window out of {@code pending}. A value can so never change after its window's final value was read. Two
 * processes closing at once may both return a window: send final values on a ledgered route for exactly-once
 * output.
 *
 * <p>Throttling, HTTP 5xx and transaction conflicts are retried with jittered backoff ({@link RetryPolicy}), then
 * fail with {@link RetryableSinkException}; a missing table, denied access or a validation error fail with
 * {@link IllegalStateException} at once. {@link #calls()} counts the calls made, per operation. Thread-safe.
 */
public final class DynamoDbStateStore implements StateStore {
    /** The most actions one TransactWriteItems takes. */
    public static final int MAX_ACTIONS = 100;
    /** How long a receipt lives: past the stream's 24-hour retention, no delivery can start at its batch again. */
    public static final Duration RECEIPT_TTL = Duration.ofHours(25);
    /** How long a window's items and values live after the window closes. */
    public static final Duration WINDOW_RETENTION = Duration.ofDays(7);
    /** The operations {@link #calls()} counts. */
    public static final List<String> OPERATIONS = List.of("TransactWriteItems", "BatchGetItem", "UpdateItem",
            "GetItem", "Scan");
    private static final int MAX_ROUNDS = 8;
    private static final int BATCH_GET_KEYS = 100;
    private static final Set<String> RETRYABLE_REASONS = Set.of("TransactionConflict", "ThrottlingError",
            "ProvisionedThroughputExceeded", "RequestLimitExceeded");
    private static final AttributeValue TRUE = AttributeValue.fromBool(true);

    private final DynamoDbClient client;
    private final String table;
    private final Map<String, StoreSpec> specs = new LinkedHashMap<>();
    private final Map<String, WindowCache> windowCaches = new HashMap<>();
    private final Clock clock;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Executor executor;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** Calls one after another, {@link RetryPolicy#DEFAULT} (tests). */
    public DynamoDbStateStore(DynamoDbClient client, String table, Collection<StoreSpec> stores, Clock clock,
                              Sleeper sleeper) {
        this(client, table, stores, clock, RetryPolicy.DEFAULT, sleeper, new Random(), Runnable::run);
    }

    /**
     * @param random   the retries' jitter (shared by the calls: must be thread-safe, as {@link Random} is)
     * @param executor what the concurrent calls of one operation run on
     */
    public DynamoDbStateStore(DynamoDbClient client, String table, Collection<StoreSpec> stores, Clock clock,
                              RetryPolicy retry, Sleeper sleeper, RandomGenerator random, Executor executor) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.executor = Objects.requireNonNull(executor, "executor");
        for (StoreSpec s : stores) {
            specs.put(s.name(), s);
            s.windows().ifPresent(w -> windowCaches.put(s.name(), new WindowCache(w)));
        }
        OPERATIONS.forEach(op -> counts.put(op, new AtomicLong()));
    }

    /** The calls made so far per operation ({@link #OPERATIONS}, in that order), retries included. */
    public Map<String, Long> calls() {
        Map<String, Long> out = new LinkedHashMap<>();
        OPERATIONS.forEach(op -> out.put(op, counts.get(op).get()));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------- apply

    @Override
    public Set<GroupKey> apply(String batch, Map<GroupKey, long[]> contribution) {
        Objects.requireNonNull(batch, "batch");
        Set<GroupKey> refused = new TreeSet<>();
        Map<GroupKey, long[]> live = new TreeMap<>();
        contribution.forEach((k, d) -> {
            StoreSpec spec = spec(k.store());
            if (d.length != spec.measures().size()) {
                throw new IllegalArgumentException(k + " has " + d.length + " deltas, its store has measures "
                        + spec.measures());
            }
            if (k.windowed() != spec.windows().isPresent()) {
                throw new IllegalArgumentException(k + (k.windowed() ? " has a window, its store is not windowed"
                        : " has no window, its store is windowed"));
            }
            StateItems.requireKeyFits(k, spec.writeShards());
            if (due(k)) {
                refused.add(k);
            } else {
                live.put(k, d.clone());
            }
        });
        register(live, refused);
        Chunk[] chunks = new Chunk[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            chunks[i] = new Chunk(i);
        }
        live.forEach((k, d) -> chunks[StateItems.chunkOf(k)].fresh.put(k, d));
        for (int round = 1; ; round++) {
            List<Chunk> reads = new ArrayList<>();
            List<Plan> plans = new ArrayList<>();
            for (Chunk c : chunks) {
                if (c.done) {
                    continue;
                }
                if (c.old == Old.UNKNOWN && (c.fresh.isEmpty() || c.mustRead)) {
                    reads.add(c);
                    continue;
                }
                Plan p = plan(batch, c, refused);
                if (p == null) {
                    c.done = true;
                } else if (p.actions.isEmpty()) {
                    reads.add(c);
                } else {
                    plans.add(p);
                }
            }
            if (reads.isEmpty() && plans.isEmpty()) {
                return refused;
            }
            if (round > MAX_ROUNDS) {
                throw new RetryableSinkException("state table '" + table + "': the receipts of batch " + batch
                        + " kept changing under " + MAX_ROUNDS + " rounds of writes");
            }
            List<Supplier<Runnable>> tasks = new ArrayList<>();
            for (Transaction tx : pack(plans)) {
                tasks.add(() -> transact(tx));
            }
            if (!reads.isEmpty()) {
                tasks.add(() -> readReceipts(batch, reads));
            }
            runAll(tasks).forEach(Runnable::run);
        }
    }

    /** What a chunk's receipt was found to be. */
    private enum Old { UNKNOWN, ABSENT, PRESENT }

    /** One chunk of the batch being applied: its keys still to write and what its receipt is known to hold. */
    private static final class Chunk {
        final int index;
        final Map<GroupKey, long[]> fresh = new TreeMap<>();
        Old old = Old.UNKNOWN;
        long version;
        Map<GroupKey, Entry> oldEntries = Map.of();
        boolean mustRead;
        boolean done;

        Chunk(int index) {
            this.index = index;
        }

        void found(Map<String, AttributeValue> receipt) {
            mustRead = false;
            if (receipt == null || receipt.isEmpty()) {
                old = Old.ABSENT;
                oldEntries = Map.of();
                return;
            }
            old = Old.PRESENT;
            version = StateItems.number(receipt, VERSION, 0);
            Map<GroupKey, Entry> m = new TreeMap<>();
            StateItems.decodeEntries(receipt).forEach(e -> m.put(e.key(), e));
            oldEntries = m;
        }
    }

    /** What an action of a transaction writes. */
    private enum Kind { RECEIPT, VALUE, WINDOW }

    /** What an action of a transaction is about, to read its cancellation reason. */
    private record Ref(Chunk chunk, Kind kind, String store, long windowStart) {
    }

    /** One chunk's actions; no action: its receipt must be read first. */
    private record Plan(Chunk chunk, List<TransactWriteItem> actions, List<Ref> refs) {
    }

    private record Transaction(List<Plan> plans, List<TransactWriteItem> items, List<Ref> refs) {
    }

    /** Accumulates the writes of one value item. */
    private static final class ValueWrite {
        final GroupKey key;
        final int shard;
        final long[] delta;

        ValueWrite(GroupKey key, int shard, int measures) {
            this.key = key;
            this.shard = shard;
            this.delta = new long[measures];
        }
    }

    /** The write (groups to add) or the check (no group) of one window chunk item. */
    private record WindowWrite(String store, long start, int shard, Set<String> groups) {
    }

    /**
     * The actions writing chunk {@code c}: {@code null} when nothing is to be written, no action when its receipt
     * must be read first. Keys of windows known closed or due are refused (and kept in the receipt if it had them).
     */
    private Plan plan(String batch, Chunk c, Set<GroupKey> refused) {
        List<Entry> entries = new ArrayList<>();
        Map<String, ValueWrite> values = new LinkedHashMap<>();
        Map<String, WindowWrite> windows = new LinkedHashMap<>();
        for (Iterator<Map.Entry<GroupKey, long[]>> it = c.fresh.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<GroupKey, long[]> e = it.next();
            GroupKey k = e.getKey();
            if (due(k)) {
                it.remove();
                refused.add(k);
                continue;
            }
            long[] d = e.getValue();
            int shard = spec(k.store()).writeShardOf(batch);
            Entry before = c.oldEntries.get(k);
            entries.add(new Entry(k, shard, d));
            if (before == null) {
                add(values, k, shard, d, 1);
            } else if (before.shard() == shard) {
                long[] diff = d.clone();
                boolean changed = false;
                for (int i = 0; i < diff.length; i++) {
                    diff[i] -= before.delta()[i];
                    changed |= diff[i] != 0;
                }
                if (changed) {
                    add(values, k, shard, diff, 1);
                }
            } else {
                add(values, k, before.shard(), before.delta(), -1);
                add(values, k, shard, d, 1);
            }
            if (k.windowed()) {
                window(windows, k, shard, c.index).groups().add(k.group());
                if (before != null && before.shard() != shard) {
                    window(windows, k, before.shard(), c.index);
                }
            }
        }
        for (Entry before : c.oldEntries.values()) {
            GroupKey k = before.key();
            if (c.fresh.containsKey(k)) {
                continue;
            }
            if (due(k)) {
                entries.add(before);
                continue;
            }
            add(values, k, before.shard(), before.delta(), -1);
            if (k.windowed()) {
                window(windows, k, before.shard(), c.index);
            }
        }
        if (c.old != Old.PRESENT && entries.isEmpty()) {
            return c.old == Old.ABSENT ? null : new Plan(c, List.of(), List.of());
        }
        if (c.old == Old.PRESENT && values.isEmpty() && windows.isEmpty() && sameEntries(entries, c.oldEntries)) {
            return null;
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        List<Ref> refs = new ArrayList<>();
        actions.add(receiptAction(batch, c, entries));
        refs.add(new Ref(c, Kind.RECEIPT, null, 0));
        values.forEach((pk, v) -> {
            actions.add(valueAction(pk, v));
            refs.add(new Ref(c, Kind.VALUE, v.key.store(), v.key.windowStart()));
        });
        windows.forEach((pk, w) -> {
            actions.add(windowAction(pk, w, c.index));
            refs.add(new Ref(c, Kind.WINDOW, w.store(), w.start()));
        });
        if (actions.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("batch " + batch + " touches too many values for the state table: chunk "
                    + c.index + " of " + CHUNKS + " needs " + actions.size() + " actions (1 receipt, " + values.size()
                    + " value writes, " + windows.size() + " window items) and a transaction takes at most "
                    + MAX_ACTIONS + "; a batch's values are spread over " + CHUNKS
                    + " chunks by a hash of store, window and group: use smaller batches (BatchSize) or fewer groups");
        }
        return new Plan(c, actions, refs);
    }

    private void add(Map<String, ValueWrite> values, GroupKey k, int shard, long[] d, int sign) {
        ValueWrite w = values.computeIfAbsent(StateItems.valueKey(k, shard),
                pk -> new ValueWrite(k, shard, d.length));
        for (int i = 0; i < d.length; i++) {
            w.delta[i] += sign * d[i];
        }
    }

    private static WindowWrite window(Map<String, WindowWrite> windows, GroupKey k, int shard, int chunk) {
        return windows.computeIfAbsent(StateItems.windowKey(k.store(), k.windowStart(), chunk, shard),
                pk -> new WindowWrite(k.store(), k.windowStart(), shard, new TreeSet<>()));
    }

    private static boolean sameEntries(List<Entry> entries, Map<GroupKey, Entry> old) {
        if (entries.size() != old.size()) {
            return false;
        }
        for (Entry e : entries) {
            if (!e.sameAs(old.get(e.key()))) {
                return false;
            }
        }
        return true;
    }

    private TransactWriteItem receiptAction(String batch, Chunk c, List<Entry> entries) {
        Map<String, AttributeValue> key = StateItems.key(StateItems.receiptKey(batch, c.index));
        // a receipt that comes to hold nothing is put empty, not deleted: the function needs no DeleteItem
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(VERSION, number(c.old == Old.PRESENT ? c.version + 1 : 1));
        item.put(ENTRIES, StateItems.encodeEntries(entries));
        item.put(EXPIRES_AT, number(clock.instant().plus(RECEIPT_TTL).getEpochSecond()));
        Put.Builder put = Put.builder().tableName(table).item(item)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        if (c.old == Old.PRESENT) {
            put.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":v", number(c.version)));
        } else {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", KEY));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private TransactWriteItem valueAction(String pk, ValueWrite v) {
        StoreSpec spec = spec(v.key.store());
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder add = new StringBuilder("ADD ");
        for (int i = 0; i < v.delta.length; i++) {
            add.append(i == 0 ? "" : ", ").append("#m").append(i).append(" :d").append(i);
            names.put("#m" + i, MEASURE_PREFIX + spec.measures().get(i));
            values.put(":d" + i, number(v.delta[i]));
        }
        StringBuilder set = new StringBuilder(" SET #st = :st, #g = :g, #sh = :sh");
        names.put("#st", STORE);
        names.put("#g", GROUP);
        names.put("#sh", SHARD);
        values.put(":st", AttributeValue.fromS(v.key.store()));
        values.put(":g", AttributeValue.fromS(v.key.group()));
        values.put(":sh", number(v.shard));
        if (v.key.windowed()) {
            set.append(", #ws = :ws, #ex = :ex");
            names.put("#ws", WINDOW_START);
            names.put("#ex", EXPIRES_AT);
            values.put(":ws", number(v.key.windowStart()));
            values.put(":ex", number(expiry(spec, v.key.windowStart())));
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(StateItems.key(pk))
                .updateExpression(add.append(set).toString()).expressionAttributeNames(names)
                .expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem windowAction(String pk, WindowWrite w, int chunk) {
        if (w.groups().isEmpty()) {
            return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                    .key(StateItems.key(pk)).conditionExpression("attribute_not_exists(#cl)")
                    .expressionAttributeNames(Map.of("#cl", CLOSED)).build()).build();
        }
        Map<String, String> names = Map.of("#gs", GROUPS, "#st", STORE, "#ws", WINDOW_START, "#ck", CHUNK,
                "#sh", SHARD, "#ex", EXPIRES_AT, "#cl", CLOSED);
        Map<String, AttributeValue> values = Map.of(
                ":gs", AttributeValue.fromSs(w.groups().stream().map(StateItems::member).toList()),
                ":st", AttributeValue.fromS(w.store()), ":ws", number(w.start()), ":ck", number(chunk),
                ":sh", number(w.shard()), ":ex", number(expiry(spec(w.store()), w.start())));
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(StateItems.key(pk))
                .updateExpression("ADD #gs :gs SET #st = :st, #ws = :ws, #ck = :ck, #sh = :sh, #ex = :ex")
                .conditionExpression("attribute_not_exists(#cl)").expressionAttributeNames(names)
                .expressionAttributeValues(values).build()).build();
    }

    /** Packs the plans into transactions of at most {@value #MAX_ACTIONS} actions, in chunk order. */
    private static List<Transaction> pack(List<Plan> plans) {
        List<Transaction> out = new ArrayList<>();
        List<Plan> current = new ArrayList<>();
        List<TransactWriteItem> items = new ArrayList<>();
        List<Ref> refs = new ArrayList<>();
        for (Plan p : plans) {
            if (items.size() + p.actions().size() > MAX_ACTIONS) {
                out.add(new Transaction(current, items, refs));
                current = new ArrayList<>();
                items = new ArrayList<>();
                refs = new ArrayList<>();
            }
            current.add(p);
            items.addAll(p.actions());
            refs.addAll(p.refs());
        }
        if (!items.isEmpty()) {
            out.add(new Transaction(current, items, refs));
        }
        return out;
    }

    /**
     * Runs one transaction of {@link #apply}, retrying conflicts, throttling and 5xx; returns what to note on the
     * chunks: done, or (cancelled on a condition) the receipts and closed windows the cancellation reasons tell.
     */
    private Runnable transact(Transaction tx) {
        List<CancellationReason> failed = transact(tx.items());
        if (failed == null) {
            return () -> tx.plans().forEach(p -> p.chunk().done = true);
        }
        return () -> cancelled(tx, failed);
    }

    /**
     * Runs one TransactWriteItems, retrying conflicts, throttling and 5xx; {@code null} when it was applied, the
     * cancellation reasons when a condition failed.
     */
    private List<CancellationReason> transact(List<TransactWriteItem> items) {
        String last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            pause(attempt, last);
            count("TransactWriteItems");
            try {
                client.transactWriteItems(b -> b.transactItems(items));
                return null;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                if (reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                    return reasons;
                }
                for (CancellationReason r : reasons) {
                    if (r.code() != null && !"None".equals(r.code()) && !RETRYABLE_REASONS.contains(r.code())) {
                        throw new IllegalStateException("state table '" + table + "': TransactWriteItems cancelled: "
                                + r.code() + ": " + r.message() + " (not retryable)", e);
                    }
                }
                last = "transaction cancelled: " + reasons.stream().map(CancellationReason::code).toList();
            } catch (SdkException e) {
                last = retryableOrThrow("TransactWriteItems", e);
            }
        }
        throw gaveUp("TransactWriteItems", last);
    }

    private void cancelled(Transaction tx, List<CancellationReason> reasons) {
        for (int i = 0; i < reasons.size() && i < tx.refs().size(); i++) {
            CancellationReason r = reasons.get(i);
            if (!"ConditionalCheckFailed".equals(r.code())) {
                continue;
            }
            Ref ref = tx.refs().get(i);
            if (ref.kind() == Kind.RECEIPT) {
                if (r.hasItem() && !r.item().isEmpty()) {
                    ref.chunk().found(r.item());
                } else {
                    ref.chunk().old = Old.UNKNOWN;
                    ref.chunk().mustRead = true;
                }
            } else if (ref.kind() == Kind.WINDOW) {
                windowCache(ref.store()).closed(List.of(ref.windowStart()));
            }
        }
    }

    /** Reads the receipts of {@code chunks} (one BatchGetItem) and notes what they hold. */
    private Runnable readReceipts(String batch, List<Chunk> chunks) {
        Map<String, Chunk> byKey = new LinkedHashMap<>();
        chunks.forEach(c -> byKey.put(StateItems.receiptKey(batch, c.index), c));
        Map<String, Map<String, AttributeValue>> found = batchGetOnce(new ArrayList<>(byKey.keySet()));
        return () -> byKey.forEach((pk, c) -> c.found(found.get(pk)));
    }

    // ------------------------------------------------------------------------------------------------- windows

    private WindowCache windowCache(String store) {
        WindowCache c = windowCaches.get(store);
        if (c == null) {
            throw new IllegalArgumentException("store '" + store + "' is not windowed");
        }
        return c;
    }

    /** Whether {@code key}'s window is closed or due to close, as far as this process knows. */
    private boolean due(GroupKey key) {
        return key.windowed() && windowCache(key.store()).due(key.windowStart());
    }

    /**
     * Registers the windows of {@code live} this process has not registered yet in their store's {@code open} set,
     * each on condition the stream time has not reached its close; keys of windows found due are moved to
     * {@code refused}.
     */
    private void register(Map<GroupKey, long[]> live, Set<GroupKey> refused) {
        Map<String, TreeSet<Long>> starts = new TreeMap<>();
        for (GroupKey k : live.keySet()) {
            if (k.windowed() && !windowCache(k.store()).registered(k.windowStart())) {
                starts.computeIfAbsent(k.store(), s -> new TreeSet<>()).add(k.windowStart());
            }
        }
        starts.forEach(this::registerStarts);
        live.keySet().removeIf(k -> {
            if (due(k)) {
                refused.add(k);
                return true;
            }
            return false;
        });
    }

    private void registerStarts(String store, TreeSet<Long> starts) {
        WindowCache cache = windowCache(store);
        // Read first: every process registers every window it writes, all of them at a window's start; only those
        // that find it missing write (a read is 1 unit of the partition's 3,000 a second, a write 1 of 1,000).
        Map<String, AttributeValue> seen = timeItem(store);
        cache.observe(StateItems.number(seen, STREAM_TIME, Long.MIN_VALUE));
        TreeSet<Long> open = StateItems.numbers(seen, OPEN);
        List<Long> known = starts.stream().filter(open::contains).toList();
        cache.registered(known);
        starts.removeAll(known);
        for (int round = 1; ; round++) {
            List<Long> todo = starts.stream().filter(s -> !cache.due(s)).toList();
            if (todo.isEmpty()) {
                return;
            }
            try {
                call("UpdateItem", () -> client.updateItem(b -> b.tableName(table)
                        .key(StateItems.key(StateItems.timeKey(store)))
                        .updateExpression("ADD #open :starts")
                        .conditionExpression("attribute_not_exists(#t) OR #t < :close")
                        .expressionAttributeNames(Map.of("#open", OPEN, "#t", STREAM_TIME))
                        .expressionAttributeValues(Map.of(":starts", StateItems.numberSet(todo),
                                ":close", number(cache.windows.closesAt(todo.get(0)))))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
                cache.registered(todo);
                return;
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> time = e.hasItem() && !e.item().isEmpty() ? e.item() : timeItem(store);
                cache.observe(StateItems.number(time, STREAM_TIME, Long.MIN_VALUE));
                if (round >= MAX_ROUNDS) {
                    throw new RetryableSinkException("state table '" + table + "': registering windows of store '"
                            + store + "' lost to a moving stream time " + round + " times");
                }
            }
        }
    }

    @Override
    public List<ClosedWindow> closeDue(String store, long streamTimeMillis) {
        StoreSpec spec = spec(store);
        WindowCache cache = windowCache(store);
        TimeWindows windows = cache.windows;
        Map<String, AttributeValue> time = streamTimeMillis != Long.MIN_VALUE && streamTimeMillis > cache.streamTime()
                ? advance(store, streamTimeMillis) : timeItem(store);
        long now = StateItems.number(time, STREAM_TIME, Long.MIN_VALUE);
        cache.observe(now);
        TreeSet<Long> pending = StateItems.numbers(time, PENDING);
        List<Long> due = StateItems.numbers(time, OPEN).stream()
                .filter(s -> now != Long.MIN_VALUE && windows.closesAt(s) <= now).toList();
        Map<Long, Set<String>> groups = new TreeMap<>();
        if (!due.isEmpty()) {
            groups.putAll(close(store, spec, due));
            cache.closed(due);
            List<Long> withGroups = due.stream().filter(s -> !groups.get(s).isEmpty()).toList();
            Map<String, String> names = new HashMap<>(Map.of("#open", OPEN));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":due", StateItems.numberSet(due)));
            String expression = "DELETE #open :due";
            if (!withGroups.isEmpty()) {
                expression += " ADD #pending :closed";
                names.put("#pending", PENDING);
                values.put(":closed", StateItems.numberSet(withGroups));
            }
            String update = expression;
            pending = StateItems.numbers(call("UpdateItem", () -> client.updateItem(b -> b.tableName(table)
                    .key(StateItems.key(StateItems.timeKey(store))).updateExpression(update)
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW))).attributes(), PENDING);
        }
        if (pending.isEmpty()) {
            return List.of();
        }
        List<Long> unknown = pending.stream().filter(s -> !groups.containsKey(s)).toList();
        if (!unknown.isEmpty()) {
            groups.putAll(readGroups(store, spec, unknown));
        }
        List<GroupKey> keys = new ArrayList<>();
        for (long s : pending) {
            groups.getOrDefault(s, Set.of()).forEach(g -> keys.add(new GroupKey(store, g, s)));
        }
        Map<GroupKey, long[]> values = get(keys);
        List<ClosedWindow> out = new ArrayList<>();
        List<Long> gone = new ArrayList<>();
        for (long s : pending) {
            Map<String, long[]> finals = new TreeMap<>();
            for (String g : groups.getOrDefault(s, Set.of())) {
                finals.put(g, values.getOrDefault(new GroupKey(store, g, s), new long[spec.measures().size()]));
            }
            if (finals.isEmpty()) {
                gone.add(s);
            } else {
                out.add(new ClosedWindow(store, s, windows.endOf(s), finals));
            }
        }
        if (!gone.isEmpty()) {
            forget(store, gone);
        }
        return out;
    }

    /** Sets {@code store}'s stream time to {@code t} if that is later; the time item after (or as it was). */
    private Map<String, AttributeValue> advance(String store, long t) {
        try {
            return call("UpdateItem", () -> client.updateItem(b -> b.tableName(table)
                    .key(StateItems.key(StateItems.timeKey(store))).updateExpression("SET #t = :t")
                    .conditionExpression("attribute_not_exists(#t) OR #t < :t")
                    .expressionAttributeNames(Map.of("#t", STREAM_TIME))
                    .expressionAttributeValues(Map.of(":t", number(t)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))).attributes();
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && !e.item().isEmpty() ? e.item() : timeItem(store);
        }
    }

    /** The time item of {@code store}, read strongly consistent (empty when there is none). */
    private Map<String, AttributeValue> timeItem(String store) {
        Map<String, AttributeValue> item = call("GetItem", () -> client.getItem(b -> b.tableName(table)
                .key(StateItems.key(StateItems.timeKey(store))).consistentRead(true))).item();
        return item == null ? Map.of() : item;
    }

    /**
     * Closes every chunk item of every write shard of the windows starting at {@code starts} ({@code SET closed},
     * 100 items a TransactWriteItems, the transactions concurrent; an item no batch wrote is created closed, so no
     * batch can write it after) and returns each window's groups, read once all are closed.
     */
    private Map<Long, Set<String>> close(String store, StoreSpec spec, List<Long> starts) {
        List<TransactWriteItem> updates = new ArrayList<>();
        for (long s : starts) {
            AttributeValue expires = number(expiry(spec, s));
            for (int shard = 0; shard < spec.writeShards(); shard++) {
                for (int chunk = 0; chunk < CHUNKS; chunk++) {
                    updates.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(StateItems.key(StateItems.windowKey(store, s, chunk, shard)))
                            .updateExpression("SET #cl = :true, #ex = if_not_exists(#ex, :ex)")
                            .expressionAttributeNames(Map.of("#cl", CLOSED, "#ex", EXPIRES_AT))
                            .expressionAttributeValues(Map.of(":true", TRUE, ":ex", expires)).build()).build());
                }
            }
        }
        List<Supplier<Boolean>> tasks = new ArrayList<>();
        for (int from = 0; from < updates.size(); from += MAX_ACTIONS) {
            List<TransactWriteItem> part = updates.subList(from, Math.min(updates.size(), from + MAX_ACTIONS));
            tasks.add(() -> transact(part) == null);
        }
        runAll(tasks);
        return readGroups(store, spec, starts);
    }

    /** The groups of the windows starting at {@code starts}, from their chunk items. */
    private Map<Long, Set<String>> readGroups(String store, StoreSpec spec, List<Long> starts) {
        Map<String, Long> byKey = new LinkedHashMap<>();
        for (long s : starts) {
            for (int shard = 0; shard < spec.writeShards(); shard++) {
                for (int chunk = 0; chunk < CHUNKS; chunk++) {
                    byKey.put(StateItems.windowKey(store, s, chunk, shard), s);
                }
            }
        }
        Map<Long, Set<String>> out = new TreeMap<>();
        starts.forEach(s -> out.put(s, new TreeSet<>()));
        batchGet(new ArrayList<>(byKey.keySet())).forEach((pk, item) ->
                out.get(byKey.get(pk)).addAll(StateItems.groups(item)));
        return out;
    }

    @Override
    public void emitted(String store, long windowStart) {
        forget(store, List.of(windowStart));
    }

    /**
     * Takes windows out of {@code store}'s pending ones: sent, or (items expired, never sent within
     * {@link #WINDOW_RETENTION}) gone.
     */
    private void forget(String store, List<Long> starts) {
        call("UpdateItem", () -> client.updateItem(b -> b.tableName(table)
                .key(StateItems.key(StateItems.timeKey(store))).updateExpression("DELETE #pending :s")
                .expressionAttributeNames(Map.of("#pending", PENDING))
                .expressionAttributeValues(Map.of(":s", StateItems.numberSet(starts)))));
    }

    @Override
    public long streamTime(String store) {
        long t = StateItems.number(timeItem(store), STREAM_TIME, Long.MIN_VALUE);
        WindowCache cache = windowCaches.get(store);
        if (cache != null) {
            cache.observe(t);
        }
        return t;
    }

    // ---------------------------------------------------------------------------------------------------- reads

    @Override
    public Map<GroupKey, long[]> get(Collection<GroupKey> keys) {
        Map<String, GroupKey> byKey = new LinkedHashMap<>();
        for (GroupKey k : keys) {
            StoreSpec spec = specs.get(k.store());
            if (spec == null) {
                continue;
            }
            for (int shard = 0; shard < spec.writeShards(); shard++) {
                byKey.put(StateItems.valueKey(k, shard), k);
            }
        }
        Map<GroupKey, long[]> out = new TreeMap<>();
        batchGet(new ArrayList<>(byKey.keySet())).forEach((pk, item) -> {
            GroupKey k = byKey.get(pk);
            out.merge(k, StateItems.measures(item, spec(k.store()).measures()), DynamoDbStateStore::sum);
        });
        return out;
    }

    /** A Scan of the whole table filtered on the store: for reports and tests, not for the batch path. */
    @Override
    public Map<GroupKey, long[]> all(String store) {
        StoreSpec spec = spec(store);
        Map<GroupKey, long[]> out = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = call("Scan", () -> client.scan(b -> b.tableName(table).consistentRead(true)
                    .filterExpression("#st = :st AND begins_with(#pk, :v)")
                    .expressionAttributeNames(Map.of("#st", STORE, "#pk", KEY))
                    .expressionAttributeValues(Map.of(":st", AttributeValue.fromS(store),
                            ":v", AttributeValue.fromS("v#")))
                    .exclusiveStartKey(from)));
            for (Map<String, AttributeValue> item : page.items()) {
                long window = StateItems.number(item, WINDOW_START, GroupKey.NO_WINDOW);
                out.merge(new GroupKey(store, item.get(GROUP).s(), window),
                        StateItems.measures(item, spec.measures()), DynamoDbStateStore::sum);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static long[] sum(long[] a, long[] b) {
        long[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    /** The items of {@code pks} found, by key: 100 keys a call, the calls concurrent. */
    private Map<String, Map<String, AttributeValue>> batchGet(List<String> pks) {
        List<Supplier<Map<String, Map<String, AttributeValue>>>> tasks = new ArrayList<>();
        for (int from = 0; from < pks.size(); from += BATCH_GET_KEYS) {
            List<String> part = pks.subList(from, Math.min(pks.size(), from + BATCH_GET_KEYS));
            tasks.add(() -> batchGetOnce(part));
        }
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        runAll(tasks).forEach(out::putAll);
        return out;
    }

    /** One strongly consistent BatchGetItem of at most 100 keys, its unprocessed keys asked again. */
    private Map<String, Map<String, AttributeValue>> batchGetOnce(List<String> pks) {
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        if (pks.isEmpty()) {
            return out;
        }
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                .keys(pks.stream().map(StateItems::key).toList()).consistentRead(true).build());
        for (int round = 1; ; round++) {
            Map<String, KeysAndAttributes> ask = request;
            BatchGetItemResponse response = call("BatchGetItem", () -> client.batchGetItem(b -> b.requestItems(ask)));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                out.put(item.get(KEY).s(), item);
            }
            Map<String, KeysAndAttributes> unprocessed = response.unprocessedKeys();
            if (unprocessed == null || unprocessed.isEmpty() || !unprocessed.containsKey(table)
                    || unprocessed.get(table).keys().isEmpty()) {
                return out;
            }
            if (round >= retry.maxAttempts()) {
                throw new RetryableSinkException("state table '" + table + "': BatchGetItem left "
                        + unprocessed.get(table).keys().size() + " keys unprocessed " + round + " times");
            }
            pause(round + 1, "unprocessed keys");
            request = Map.of(table, unprocessed.get(table).toBuilder().consistentRead(true).build());
        }
    }

    // ---------------------------------------------------------------------------------------------------- calls

    /**
     * Makes one call, counted, retrying throttling, 5xx and client-side failures; a condition that failed is
     * thrown to the caller, any other failure is not retryable.
     */
    private <T> T call(String operation, Supplier<T> call) {
        String last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            pause(attempt, last);
            count(operation);
            try {
                return call.get();
            } catch (ConditionalCheckFailedException e) {
                throw e;
            } catch (SdkException e) {
                last = retryableOrThrow(operation, e);
            }
        }
        throw gaveUp(operation, last);
    }

    private String retryableOrThrow(String operation, SdkException e) {
        if (AwsErrors.retryable(e)) {
            return AwsErrors.describe(e);
        }
        throw new IllegalStateException("state table '" + table + "': DynamoDB." + operation + " failed: "
                + AwsErrors.describe(e) + " (not retryable: check the table exists with partition key " + KEY
                + " (string) and the function may use it)", e);
    }

    private RetryableSinkException gaveUp(String operation, String last) {
        return new RetryableSinkException("state table '" + table + "': DynamoDB." + operation + " failed "
                + retry.maxAttempts() + " times, last: " + last);
    }

    private void pause(int attempt, String why) {
        if (attempt < 2) {
            return;
        }
        try {
            sleeper.sleep(retry.delayBefore(attempt, random));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableSinkException("state table '" + table + "': interrupted while retrying: " + why);
        }
    }

    private void count(String operation) {
        counts.get(operation).incrementAndGet();
    }

    /**
     * Runs the tasks concurrently on the executor (one alone on this thread) and returns their results in order;
     * a failure is rethrown once all ended, one that will not pass by itself before a retryable one.
     */
    private <T> List<T> runAll(List<Supplier<T>> tasks) {
        if (tasks.size() == 1) {
            return List.of(tasks.get(0).get());
        }
        List<CompletableFuture<T>> futures = new ArrayList<>(tasks.size());
        for (Supplier<T> t : tasks) {
            futures.add(CompletableFuture.supplyAsync(t, executor));
        }
        List<T> out = new ArrayList<>(tasks.size());
        RuntimeException failure = null;
        for (CompletableFuture<T> f : futures) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failure == null) {
                    failure = cause;
                } else if (failure instanceof RetryableSinkException && !(cause instanceof RetryableSinkException)) {
                    cause.addSuppressed(failure);
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------- misc

    private StoreSpec spec(String store) {
        StoreSpec s = specs.get(store);
        if (s == null) {
            throw new IllegalArgumentException("no store named '" + store + "'; stores: " + specs.keySet());
        }
        return s;
    }

    /** When the items of {@code spec}'s window starting at {@code start} expire: epoch seconds. */
    private static long expiry(StoreSpec spec, long start) {
        return Math.floorDiv(spec.windowsOrNull().closesAt(start) + WINDOW_RETENTION.toMillis(), 1000L);
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }

    /**
     * What this process knows of a windowed store: the latest stream time it saw (stream time only grows, so a
     * window it says is due is due), the windows it registered and those it found closed.
     */
    private static final class WindowCache {
        final TimeWindows windows;
        private long streamTime = Long.MIN_VALUE;
        private final TreeSet<Long> registered = new TreeSet<>();
        private final TreeSet<Long> closed = new TreeSet<>();

        WindowCache(TimeWindows windows) {
            this.windows = windows;
        }

        synchronized long streamTime() {
            return streamTime;
        }

        synchronized void observe(long t) {
            if (t > streamTime) {
                streamTime = t;
                registered.removeIf(s -> windows.closesAt(s) <= t);
                closed.removeIf(s -> windows.closesAt(s) <= t);
            }
        }

        synchronized boolean due(long start) {
            return (streamTime != Long.MIN_VALUE && windows.closesAt(start) <= streamTime) || closed.contains(start);
        }

        synchronized boolean registered(long start) {
            return registered.contains(start);
        }

        synchronized void registered(Collection<Long> starts) {
            starts.stream().filter(s -> !due(s)).forEach(registered::add);
        }

        synchronized void closed(Collection<Long> starts) {
            closed.addAll(starts);
            registered.removeAll(starts);
        }
    }
}
