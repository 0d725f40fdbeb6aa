package dev.streampipe.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.state.GroupKey;
import dev.streampipe.core.state.StoreSpec;
import dev.streampipe.core.state.TimeWindows;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Hot groups under load: the real {@link DynamoDbStateStore} over a fake {@link DynamoDbClient} that meters, per
 * simulated second, the write units each item takes. 100 stream shards &times; ParallelizationFactor 10 = 1,000
 * lanes (one store per lane, as one Lambda process each), 3 batches a lane a second, 10 seconds: 30,000 batches with
 * random 32-hex ids. A batch contributes what the session router's two aggregations write: {@code sessions-by-status}
 * (table, 5 statuses, a batch touches 1..5 of them) and {@code handoffs-by-reason} (tumbling 5 minutes, 4 reasons, a
 * batch touches 0..4 of them in the current window). After its apply, a batch reads its changed statuses back, as
 * the router does to send them ({@code emitEvery} zero).
 *
 * <p>Units, as DynamoDB charges them: a transactional write (Put, Update, ConditionCheck) 2 WCU per started KB of
 * the item, a plain UpdateItem 1 WCU per KB, a strongly consistent read 1 RCU per 4 KB (an absent item too). Item
 * sizes are estimated from what the request writes: a Put from its item (attribute names plus values, numbers as
 * their digits / 2 + 1, lists and maps 3 bytes plus 1 per element); an Update of a value item ({@code v#..}, ADD of
 * numbers) as {@value #VALUE_ITEM_BYTES} bytes, a realistic value item; an Update of a window chunk item or the time
 * item from its key, attribute names and values (the handful of groups a window chunk holds stays far under 1 KB).
 * So every write here is under 1 KB: 2 WCU per transactional write of an item, and the WCU an item takes in a second
 * is twice the transactions that wrote it.
 *
 * <p>Not simulated: {@code closeDue}, which each lane calls on its first batch and once per window advance (a
 * conditional UpdateItem of the {@code t#} item, then, past a window's close, the close transactions): like the
 * window registration this table meters, it writes {@code t#} about once per lane per window, whatever the write
 * shards.
 */
class HotGroupSimulationTest {
    private static final int SHARDS = 100;
    private static final int PARALLELIZATION_FACTOR = 10;
    private static final int LANES = SHARDS * PARALLELIZATION_FACTOR;
    private static final int BATCHES_PER_LANE_SECOND = 3;
    private static final int SECONDS = 10;
    private static final int PARTITION_WCU = 1_000;
    private static final int VALUE_ITEM_BYTES = 200;
    private static final String STATUS = "sessions-by-status";
    private static final String HANDOFFS = "handoffs-by-reason";
    /** The router's write shards: SessionTopology.STATUS_WRITE_SHARDS and HANDOFF_WRITE_SHARDS. */
    private static final int ROUTER_STATUS_SHARDS = 8;
    private static final int ROUTER_HANDOFF_SHARDS = 8;
    private static final TimeWindows HANDOFF_WINDOWS = TimeWindows.ofSize(Duration.ofMinutes(5))
            .grace(Duration.ofMinutes(1));
    private static final List<String> STATUSES = List.of("active", "waiting", "handoff", "closed", "UNKNOWN");
    private static final List<String> REASONS = List.of("escalation", "billing", "technical", "UNKNOWN");
    /** The first simulated second starts a window: every lane registers it (t#) on its first batch with handoffs. */
    private static final long WINDOW_START = 1_800_000_000_000L - Math.floorMod(1_800_000_000_000L, 300_000L);
    private static final String STATUS_VALUES = "v#" + STATUS + "#";
    private static final String HANDOFF_VALUES = "v#" + HANDOFFS + "#";
    private static final String HANDOFF_WINDOW_ITEMS = "w#" + HANDOFFS + "#";
    private static final String HEADER = String.format(
            "%d lanes (%d shards x ParallelizationFactor %d), %d batches/s each, %d s: %,d batches%n"
                    + "W status/handoffs | items written/batch | TransactWriteItems/batch"
                    + " | status value item: WCU/s max, mean; tx/s max"
                    + " | handoff value item: WCU/s max, mean; tx/s max"
                    + " | handoff window chunk item: WCU/s max; tx/s max | status value item reads/s max"
                    + " | t# WCU/s max | WCU/batch, RCU/batch%n",
            LANES, SHARDS, PARALLELIZATION_FACTOR, BATCHES_PER_LANE_SECOND, SECONDS,
            LANES * BATCHES_PER_LANE_SECOND * SECONDS);

    @Test
    void shouldKeepEveryValueAndWindowItemUnderAPartitionsWcuWhenBothAggregationsHaveEightWriteShards() {
        // GIVEN 1,000 lanes of 3 batches a second, both aggregations spread over 8 write shards
        // WHEN 10 simulated seconds run
        Meter meter = simulate(8, 8, 1L, SECONDS);
        System.out.print(HEADER + row("8/8", meter));

        // THEN no value or window chunk item takes 1,000 WCU in any second (a receipt is written once: 2 WCU)
        assertThat(meter.batches).isEqualTo(LANES * BATCHES_PER_LANE_SECOND * SECONDS);
        assertThat(meter.maxWcuPerSecond(k -> !k.startsWith("t#"))).isPositive().isLessThan(PARTITION_WCU);
        assertThat(meter.maxWcuPerSecond(k -> k.startsWith(STATUS_VALUES))).isLessThan(PARTITION_WCU);
        assertThat(meter.maxWcuPerSecond(k -> k.startsWith(HANDOFF_VALUES))).isLessThan(PARTITION_WCU);
    }

    @Test
    void shouldExceedAPartitionsWcuOnTheStatusItemsWhenOneWriteShard() {
        // GIVEN the same load, every status on one item
        // WHEN 2 simulated seconds run (any second over the limit fails the check)
        Meter meter = simulate(1, 1, 1L, 2);
        System.out.print(row("1/1 (2 s)", meter));

        // THEN the status items take over 1,000 WCU a second: the check above can fail
        assertThat(meter.maxWcuPerSecond(k -> k.startsWith(STATUS_VALUES))).isGreaterThan(PARTITION_WCU);
    }

    /**
     * The table docs/state.md quotes (about 40 s of CPU, so on request:
     * {@code -Dhotgroups.table=true}).
     */
    @Test
    @EnabledIfSystemProperty(named = "hotgroups.table", matches = "true")
    void shouldCoolTheHottestItemWhenWriteShardsGrow() {
        // GIVEN write shards 1, 4, 8, 16 and 32 for both aggregations, and the router's own (8 and 1)
        List<int[]> configurations = List.of(new int[] {1, 1}, new int[] {4, 4}, new int[] {8, 8},
                new int[] {16, 16}, new int[] {32, 32}, new int[] {ROUTER_STATUS_SHARDS, ROUTER_HANDOFF_SHARDS});
        StringBuilder table = new StringBuilder(HEADER);
        Map<String, Meter> meters = new TreeMap<>();

        // WHEN each runs the 10 simulated seconds
        for (int[] c : configurations) {
            Meter m = simulate(c[0], c[1], 7L, SECONDS);
            meters.put(c[0] + "/" + c[1], m);
            table.append(row(c[0] + "/" + c[1], m));
        }
        System.out.print(table);

        // THEN the hottest status item cools as the write shards grow, and the router's handoff items (one write
        // shard) are as hot as with one shard
        assertThat(meters.get("32/32").maxWcuPerSecond(k -> k.startsWith(STATUS_VALUES)))
                .isLessThan(meters.get("8/8").maxWcuPerSecond(k -> k.startsWith(STATUS_VALUES)))
                .isLessThan(meters.get("1/1").maxWcuPerSecond(k -> k.startsWith(STATUS_VALUES)));
        assertThat(meters.get("8/1").maxWcuPerSecond(k -> k.startsWith(HANDOFF_VALUES)))
                .isGreaterThan(PARTITION_WCU);
    }

    private static String row(String shards, Meter m) {
        return String.format("%5s | %5.1f | %4.2f | %5d, %5.0f; %4d | %5d, %5.0f; %4d | %5d; %4d | %5d | %4d"
                        + " | %4.1f, %4.1f%n",
                shards, (double) m.itemWrites / m.batches, (double) m.transactions / m.batches,
                m.maxWcuPerSecond(k -> k.startsWith(STATUS_VALUES)),
                m.meanWcuPerSecond(k -> k.startsWith(STATUS_VALUES)),
                m.maxTransactionsPerSecond(k -> k.startsWith(STATUS_VALUES)),
                m.maxWcuPerSecond(k -> k.startsWith(HANDOFF_VALUES)),
                m.meanWcuPerSecond(k -> k.startsWith(HANDOFF_VALUES)),
                m.maxTransactionsPerSecond(k -> k.startsWith(HANDOFF_VALUES)),
                m.maxWcuPerSecond(k -> k.startsWith(HANDOFF_WINDOW_ITEMS)),
                m.maxTransactionsPerSecond(k -> k.startsWith(HANDOFF_WINDOW_ITEMS)),
                m.maxReadsPerSecond(k -> k.startsWith(STATUS_VALUES)), m.maxWcuPerSecond(k -> k.startsWith("t#")),
                (double) m.writeUnits / m.batches, (double) m.readUnits / m.batches);
    }

    /** Runs {@code seconds} &times; 3,000 batches of 1,000 lanes against one metering table. */
    private static Meter simulate(int statusShards, int handoffShards, long seed, int seconds) {
        Random random = new Random(seed);
        MeteringDynamoDb db = new MeteringDynamoDb();
        db.seconds = seconds;
        List<StoreSpec> specs = List.of(new StoreSpec(STATUS, List.of("count"), null, statusShards),
                new StoreSpec(HANDOFFS, List.of("count"), HANDOFF_WINDOWS, handoffShards));
        Clock clock = Clock.fixed(Instant.ofEpochMilli(WINDOW_START), ZoneOffset.UTC);
        List<DynamoDbStateStore> lanes = new ArrayList<>(LANES);
        for (int i = 0; i < LANES; i++) {
            lanes.add(new DynamoDbStateStore(db, "state", specs, clock, d -> { }));
        }
        byte[] id = new byte[16];
        for (int second = 0; second < seconds; second++) {
            db.second = second;
            for (int b = 0; b < BATCHES_PER_LANE_SECOND; b++) {
                for (DynamoDbStateStore store : lanes) {
                    random.nextBytes(id);
                    String batch = HexFormat.of().formatHex(id);
                    Map<GroupKey, long[]> contribution = new TreeMap<>();
                    List<GroupKey> statuses = new ArrayList<>();
                    for (String s : pick(random, STATUSES, 1 + random.nextInt(STATUSES.size()))) {
                        GroupKey k = GroupKey.of(STATUS, s);
                        contribution.put(k, new long[] {1 + random.nextInt(5)});
                        statuses.add(k);
                    }
                    for (String r : pick(random, REASONS, random.nextInt(REASONS.size() + 1))) {
                        contribution.put(new GroupKey(HANDOFFS, r, WINDOW_START), new long[] {1 + random.nextInt(5)});
                    }
                    assertThat(store.apply(batch, contribution)).isEmpty();
                    store.get(statuses);
                    db.batches++;
                }
            }
        }
        return db;
    }

    private static List<String> pick(Random random, List<String> from, int n) {
        List<String> copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return copy.subList(0, n);
    }

    /** What was metered: per item, per simulated second, WCU, transactions and reads. */
    private abstract static class Meter {
        final Map<String, int[]> wcu = new HashMap<>();
        final Map<String, int[]> transactionsByItem = new HashMap<>();
        final Map<String, int[]> reads = new HashMap<>();
        int seconds;
        long batches;
        long transactions;
        long itemWrites;
        long writeUnits;
        long readUnits;

        int maxWcuPerSecond(Predicate<String> items) {
            return max(wcu, items);
        }

        double meanWcuPerSecond(Predicate<String> items) {
            long sum = 0;
            int n = 0;
            for (Map.Entry<String, int[]> e : wcu.entrySet()) {
                if (items.test(e.getKey())) {
                    for (int v : e.getValue()) {
                        sum += v;
                    }
                    n++;
                }
            }
            return n == 0 ? 0 : (double) sum / n / seconds;
        }

        int maxTransactionsPerSecond(Predicate<String> items) {
            return max(transactionsByItem, items);
        }

        int maxReadsPerSecond(Predicate<String> items) {
            return max(reads, items);
        }

        private static int max(Map<String, int[]> perSecond, Predicate<String> items) {
            int max = 0;
            for (Map.Entry<String, int[]> e : perSecond.entrySet()) {
                if (items.test(e.getKey())) {
                    for (int v : e.getValue()) {
                        max = Math.max(max, v);
                    }
                }
            }
            return max;
        }
    }

    /**
     * A DynamoDB that applies nothing and answers as to a first delivery on an empty table: every transaction
     * succeeds, every read finds nothing, the time item accepts every registration. It meters what each call writes
     * and reads. Receipts ({@code r#..}) are written once each, so they are counted but not kept per item.
     */
    private static final class MeteringDynamoDb extends Meter implements DynamoDbClient {
        int second;

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            transactions++;
            Set<String> seen = new HashSet<>();
            for (TransactWriteItem a : request.transactItems()) {
                String pk;
                int bytes;
                if (a.put() != null) {
                    pk = a.put().item().get("PK").s();
                    bytes = size(a.put().item());
                } else if (a.update() != null) {
                    pk = a.update().key().get("PK").s();
                    bytes = pk.startsWith("v#") ? VALUE_ITEM_BYTES
                            : size(a.update().key()) + names(a.update().expressionAttributeNames())
                            + size(a.update().expressionAttributeValues());
                } else {
                    pk = a.conditionCheck().key().get("PK").s();
                    bytes = size(a.conditionCheck().key());
                }
                itemWrites++;
                writeUnits += 2L * kilobytes(bytes);
                if (seen.add(pk) && !pk.startsWith("r#")) {
                    add(wcu, pk, 2 * kilobytes(bytes));
                    add(transactionsByItem, pk, 1);
                }
            }
            return TransactWriteItemsResponse.builder().build();
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            String pk = request.key().get("PK").s();
            int units = kilobytes(size(request.key()) + names(request.expressionAttributeNames())
                    + size(request.expressionAttributeValues()));
            writeUnits += units;
            add(wcu, pk, units);
            return UpdateItemResponse.builder().attributes(Map.of()).build();
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            for (KeysAndAttributes ka : request.requestItems().values()) {
                for (Map<String, AttributeValue> key : ka.keys()) {
                    String pk = key.get("PK").s();
                    readUnits++; // strongly consistent, absent or under 4 KB: 1 RCU
                    if (!pk.startsWith("r#")) {
                        add(reads, pk, 1);
                    }
                }
            }
            return BatchGetItemResponse.builder().responses(Map.of()).unprocessedKeys(Map.of()).build();
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            readUnits++;
            return GetItemResponse.builder().build();
        }

        private void add(Map<String, int[]> perSecond, String pk, int n) {
            perSecond.computeIfAbsent(pk, k -> new int[SECONDS])[second] += n;
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static int kilobytes(int bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    private static int names(Map<String, String> names) {
        return names.values().stream().mapToInt(n -> n.getBytes(StandardCharsets.UTF_8).length).sum();
    }

    /** An item's (or key's, or values') size as DynamoDB counts it, near enough: names plus values. */
    private static int size(Map<String, AttributeValue> attributes) {
        int bytes = 0;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return bytes;
    }

    private static int size(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            return v.n().length() / 2 + 1;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToInt(n -> n.length() / 2 + 1).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToInt(x -> 1 + size(x)).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().size() + size(v.m());
        }
        return 1;
    }
}
