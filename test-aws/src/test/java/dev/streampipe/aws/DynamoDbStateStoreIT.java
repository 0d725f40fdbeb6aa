package dev.streampipe.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.core.state.ClosedWindow;
import dev.streampipe.core.state.GroupKey;
import dev.streampipe.core.state.InMemoryStateStore;
import dev.streampipe.core.state.StoreSpec;
import dev.streampipe.core.state.TimeWindows;
import dev.streampipe.testing.ManualClock;
import dev.streampipe.testing.moto.MotoExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link DynamoDbStateStore} against moto: a seeded run of random operations gives the answers of the in-memory
 * reference store at every step, and the cases the design rests on (replace, write shards, closed windows, calls per
 * batch).
 */
class DynamoDbStateStoreIT {
    @RegisterExtension
    static final MotoExtension DDB = new MotoExtension();

    private static final long T0 = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();
    private static final StoreSpec BY_STATUS = new StoreSpec("by-status", List.of("count", "total"), null, 2);
    private static final TimeWindows MINUTES = TimeWindows.ofSize(Duration.ofMinutes(1)).grace(Duration.ofSeconds(10));
    private static final StoreSpec PER_MINUTE = new StoreSpec("per-minute", List.of("count"), MINUTES, 1);
    private static final StoreSpec PER_MINUTE_SHARDED = new StoreSpec("per-minute", List.of("count"), MINUTES, 2);
    private static final StoreSpec SLIDING = new StoreSpec("sliding", List.of("count", "bytes"),
            TimeWindows.ofSize(Duration.ofMinutes(3)).advanceBy(Duration.ofMinutes(1)), 1);
    private static final List<String> STATUSES = List.of("new", "paid", "shipped", "cancelled", "", "a#b");
    private static final List<String> REGIONS = List.of("eu", "us", "apac");
    /**
     * Steps of the differential run: 50 in the build (about 25 s on moto here), more with
     * {@code -Dstate.differential.steps=200} (about 130 s). moto copies the whole table on every TransactWriteItems (a
     * transaction takes 15 ms on an empty table, 45 ms on 1,000 items).
     */
    private static final int STEPS = Integer.getInteger("state.differential.steps", 50);

    private final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    private final Sleeper noWait = d -> { };
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "state-call");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private DynamoDbStateStore store(String table, StoreSpec... specs) {
        return new DynamoDbStateStore(DDB.client(), table, List.of(specs), clock, RetryPolicy.DEFAULT, noWait,
                new Random(7), pool);
    }

    @Test
    void shouldAnswerAsTheInMemoryStoreWhenBothRunTheSameRandomOperations() {
        // GIVEN the reference store and the DynamoDB store on a table aggregation on 2 write shards, tumbling
        // windows with grace and hopping windows
        InMemoryStateStore reference = new InMemoryStateStore(List.of(BY_STATUS, PER_MINUTE, SLIDING));
        DynamoDbStateStore ddb = store(DDB.createStateTable().name(), BY_STATUS, PER_MINUTE, SLIDING);
        Random random = new Random(20261120);
        Map<String, Map<GroupKey, long[]>> delivered = new LinkedHashMap<>();
        List<GroupKey> seen = new ArrayList<>();
        Map<String, Integer> done = new TreeMap<>();
        long now = T0;
        long started = System.currentTimeMillis();

        for (int step = 0; step < STEPS; step++) {
            // WHEN a random operation runs on both: a new batch, a batch delivered again with less, more, other or
            // no values, or closing due windows (then marking most of them emitted)
            int op = random.nextInt(10);
            String what;
            Set<GroupKey> touched = Set.of();
            String closedStore = null;
            if (op < 4 || delivered.isEmpty()) {
                String batch = "batch-" + step;
                Map<GroupKey, long[]> contribution = contribution(random, now);
                delivered.put(batch, contribution);
                what = "apply new " + batch + " " + describe(contribution);
                touched = contribution.keySet();
                Set<GroupKey> late = ddb.apply(batch, contribution);
                // THEN both refuse the same keys (late records)
                assertThat(late).as("step " + step + ": " + what).isEqualTo(reference.apply(batch, copy(contribution)));
                done.merge(late.isEmpty() ? "new" : "new with late keys", 1, Integer::sum);
            } else if (op < 7) {
                List<String> recent = new ArrayList<>(delivered.keySet());
                String batch = recent.get(Math.max(0, recent.size() - 1 - random.nextInt(8)));
                int variant = random.nextInt(4);
                Map<GroupKey, long[]> contribution = redelivery(random, delivered.get(batch), variant, now);
                touched = new TreeSet<>(contribution.keySet());
                touched.addAll(delivered.put(batch, contribution).keySet());
                what = "apply again " + batch + " (" + List.of("empty", "fewer", "more", "other").get(variant) + ") "
                        + describe(contribution);
                Set<GroupKey> late = ddb.apply(batch, contribution);
                assertThat(late).as("step " + step + ": " + what).isEqualTo(reference.apply(batch, copy(contribution)));
                done.merge("again " + List.of("empty", "fewer", "more", "other").get(variant), 1, Integer::sum);
            } else {
                String store = random.nextBoolean() ? PER_MINUTE.name() : SLIDING.name();
                closedStore = store;
                long t = random.nextInt(6) == 0 ? Long.MIN_VALUE : now - random.nextInt(40_000);
                what = "closeDue " + store + " at " + t;
                List<ClosedWindow> closed = ddb.closeDue(store, t);
                assertThat(describe(closed)).as("step " + step + ": " + what)
                        .isEqualTo(describe(reference.closeDue(store, t)));
                for (ClosedWindow w : closed) {
                    if (random.nextInt(4) != 0) {
                        ddb.emitted(store, w.start());
                        reference.emitted(store, w.start());
                        done.merge("emitted", 1, Integer::sum);
                    }
                }
                done.merge(closed.isEmpty() ? "closeDue, none" : "closeDue, some", 1, Integer::sum);
            }
            // THEN both hold the same values (those the step touched and some others) and stream time
            touched.stream().filter(k -> !seen.contains(k)).forEach(seen::add);
            Set<GroupKey> check = new TreeSet<>(touched);
            for (int i = 0; i < 5 && !seen.isEmpty(); i++) {
                check.add(seen.get(random.nextInt(seen.size())));
            }
            assertThat(view(ddb.get(check))).as("step " + step + " after " + what)
                    .isEqualTo(view(reference.get(check)));
            if (closedStore != null) {
                assertThat(ddb.streamTime(closedStore)).as("step " + step + " after " + what)
                        .isEqualTo(reference.streamTime(closedStore));
            }
            if (step % 40 == 39) {
                for (StoreSpec s : List.of(BY_STATUS, PER_MINUTE, SLIDING)) {
                    assertThat(view(ddb.all(s.name()))).as("step " + step + ": all " + s.name())
                            .isEqualTo(view(reference.all(s.name())));
                }
            }
            now += random.nextInt(5_000);
        }

        System.out.printf("differential run: %d steps in %d ms, calls %s%n", STEPS,
                System.currentTimeMillis() - started, ddb.calls());
        // THEN the run went through every kind of operation
        assertThat(done.keySet()).contains("new", "new with late keys", "again empty", "again fewer", "again more",
                "again other", "closeDue, some", "emitted");
    }

    @Test
    void shouldTakeBackWhatTheEarlierDeliveryAddedWhenABatchComesAgainWithFewerGroups() {
        // GIVEN a batch adding to 40 groups (spread over the receipt chunks) and another batch adding to 3 of them
        DynamoDbStateStore store = store(DDB.createStateTable().name(), BY_STATUS);
        Map<GroupKey, long[]> first = new TreeMap<>();
        IntStream.range(0, 40).forEach(i -> first.put(GroupKey.of("by-status", "g" + i), new long[] {1, i}));
        store.apply("batch-1", first);
        store.apply("batch-2", Map.of(GroupKey.of("by-status", "g0"), new long[] {5, 5},
                GroupKey.of("by-status", "g1"), new long[] {5, 5}, GroupKey.of("by-status", "g2"), new long[] {5, 5}));

        // WHEN batch-1 comes again with 2 of its groups only, then again with nothing
        store.apply("batch-1", Map.of(GroupKey.of("by-status", "g1"), new long[] {2, 20},
                GroupKey.of("by-status", "g39"), new long[] {1, 39}));
        Map<GroupKey, long[]> afterFewer = store.all("by-status");
        store.apply("batch-1", Map.of());
        Map<GroupKey, long[]> afterNone = store.all("by-status");

        // THEN the groups the second delivery dropped hold only batch-2's values (zero when it had none), and after
        // the empty delivery batch-1 added nothing at all
        assertThat(view(afterFewer)).containsEntry(GroupKey.of("by-status", "g0"), List.of(5L, 5L))
                .containsEntry(GroupKey.of("by-status", "g1"), List.of(7L, 25L))
                .containsEntry(GroupKey.of("by-status", "g2"), List.of(5L, 5L))
                .containsEntry(GroupKey.of("by-status", "g3"), List.of(0L, 0L))
                .containsEntry(GroupKey.of("by-status", "g39"), List.of(1L, 39L))
                .hasSize(40);
        assertThat(afterFewer.values().stream().mapToLong(v -> v[0]).sum()).isEqualTo(15 + 2 + 1);
        assertThat(view(afterNone)).containsEntry(GroupKey.of("by-status", "g1"), List.of(5L, 5L))
                .containsEntry(GroupKey.of("by-status", "g39"), List.of(0L, 0L));
        assertThat(afterNone.values().stream().mapToLong(v -> v[0]).sum()).isEqualTo(15);
    }

    @Test
    void shouldSumEveryWriteShardWhenBatchesWriteToDifferentShards() {
        // GIVEN a store whose groups are spread over 4 write shards
        StoreSpec hot = new StoreSpec("hot", List.of("count"), null, 4);
        String table = DDB.createStateTable().name();
        DynamoDbStateStore store = store(table, hot);

        // WHEN 20 batches each add 1 to the same group
        for (int i = 0; i < 20; i++) {
            store.apply("batch-" + i, Map.of(GroupKey.of("hot", "orders"), new long[] {1}));
        }

        // THEN the group's value is the sum over its items, of which there are several
        assertThat(store.get(List.of(GroupKey.of("hot", "orders"))).get(GroupKey.of("hot", "orders")))
                .containsExactly(20);
        assertThat(view(store.all("hot"))).containsExactly(Map.entry(GroupKey.of("hot", "orders"), List.of(20L)));
        List<Map<String, AttributeValue>> items = DDB.client().scan(b -> b.tableName(table)).items().stream()
                .filter(i -> i.get("PK").s().startsWith("v#hot#-#orders#")).toList();
        assertThat(items).hasSizeBetween(2, 4);
        assertThat(items.stream().mapToLong(i -> Long.parseLong(i.get("m_count").n())).sum()).isEqualTo(20);
    }

    @Test
    void shouldRefuseTheKeysOfAClosedWindowAndApplyTheRestWhenAnotherProcessClosedIt() {
        // GIVEN two processes on one table; the first wrote window 12:00 (so it knows that window as open), the
        // second closed it
        String table = DDB.createStateTable().name();
        DynamoDbStateStore first = store(table, PER_MINUTE_SHARDED);
        DynamoDbStateStore second = store(table, PER_MINUTE_SHARDED);
        long noon = T0;
        long next = T0 + 60_000;
        first.apply("batch-1", Map.of(new GroupKey("per-minute", "eu", noon), new long[] {3}));
        List<ClosedWindow> closed = second.closeDue("per-minute", noon + 70_000);

        // WHEN the first process, unaware, writes a batch to the closed window and to the next one
        Set<GroupKey> late = first.apply("batch-2", Map.of(new GroupKey("per-minute", "eu", noon), new long[] {5},
                new GroupKey("per-minute", "us", noon), new long[] {1},
                new GroupKey("per-minute", "us", next), new long[] {2}));

        // THEN the closed window's keys are refused and its value is the one it closed with; the other key applied
        assertThat(describe(closed)).containsExactly("per-minute@" + noon + ".." + next + " eu=[3]");
        assertThat(late).containsExactly(new GroupKey("per-minute", "eu", noon),
                new GroupKey("per-minute", "us", noon));
        assertThat(view(first.all("per-minute"))).containsExactly(
                Map.entry(new GroupKey("per-minute", "eu", noon), List.of(3L)),
                Map.entry(new GroupKey("per-minute", "us", next), List.of(2L)));
        assertThat(describe(second.closeDue("per-minute", Long.MIN_VALUE)))
                .containsExactly("per-minute@" + noon + ".." + next + " eu=[3]");
    }

    @Test
    void shouldReturnAClosedWindowUntilItIsMarkedEmittedWhenClosingAgain() {
        // GIVEN a window with two groups, due at 12:01:10
        DynamoDbStateStore store = store(DDB.createStateTable().name(), PER_MINUTE);
        store.apply("batch-1", Map.of(new GroupKey("per-minute", "eu", T0), new long[] {3},
                new GroupKey("per-minute", "us", T0), new long[] {4},
                new GroupKey("per-minute", "eu", T0 + 60_000), new long[] {1}));

        // WHEN closed at 12:01:09, at 12:01:10, again, then after it was marked emitted
        List<ClosedWindow> early = store.closeDue("per-minute", T0 + 69_999);
        List<ClosedWindow> due = store.closeDue("per-minute", T0 + 70_000);
        List<ClosedWindow> again = store.closeDue("per-minute", T0 + 70_000);
        store.emitted("per-minute", T0);
        List<ClosedWindow> after = store.closeDue("per-minute", T0 + 71_000);

        // THEN it comes once due, again until emitted, then never; the next window stays open
        assertThat(early).isEmpty();
        assertThat(describe(due)).containsExactly("per-minute@" + T0 + ".." + (T0 + 60_000) + " eu=[3] us=[4]");
        assertThat(describe(again)).isEqualTo(describe(due));
        assertThat(after).isEmpty();
        assertThat(store.streamTime("per-minute")).isEqualTo(T0 + 71_000);
    }

    @Test
    void shouldWriteAThousandRecordBatchOfFifteenGroupsInTwoCallsWhenItIsDeliveredFirst() {
        // GIVEN a batch of 1,000 records in 15 groups, summed per group as the engine does, for a table aggregation
        // and for a windowed one whose window this process has already written
        DynamoDbStateStore store = store(DDB.createStateTable().name(), BY_STATUS, PER_MINUTE);
        Map<GroupKey, long[]> table = new TreeMap<>();
        Map<GroupKey, long[]> windowed = new TreeMap<>();
        for (int i = 0; i < 1_000; i++) {
            table.merge(GroupKey.of("by-status", "status-" + i % 15), new long[] {1, i}, DynamoDbStateStoreIT::sum);
            windowed.merge(new GroupKey("per-minute", "region-" + i % 15, T0), new long[] {1},
                    DynamoDbStateStoreIT::sum);
        }
        Map<String, Long> coldStart = store.calls();
        store.apply("batch-0", Map.of(new GroupKey("per-minute", "region-0", T0), new long[] {1}));
        Map<String, Long> cold = minus(store.calls(), coldStart);

        // WHEN each is applied, then the table batch is delivered again unchanged, then with one group less
        Map<String, Long> start = store.calls();
        store.apply("batch-1", table);
        Map<String, Long> first = minus(store.calls(), start);
        start = store.calls();
        store.apply("batch-2", windowed);
        Map<String, Long> firstWindowed = minus(store.calls(), start);
        start = store.calls();
        store.apply("batch-1", table);
        Map<String, Long> again = minus(store.calls(), start);
        table.remove(GroupKey.of("by-status", "status-14"));
        start = store.calls();
        store.apply("batch-1", table);
        Map<String, Long> fewer = minus(store.calls(), start);

        // THEN a first delivery is one TransactWriteItems and one BatchGetItem (the receipts of the chunks it does not
        // touch), plus, for a window this process writes for the first time, one GetItem of the store's time item and
        // one UpdateItem when no other process registered it; a delivery again adds one TransactWriteItems when
        // something changed
        assertThat(first).containsEntry("TransactWriteItems", 1L).containsEntry("BatchGetItem", 1L);
        assertThat(total(first)).isEqualTo(2);
        assertThat(total(firstWindowed)).isEqualTo(2);
        assertThat(cold).containsEntry("GetItem", 1L).containsEntry("UpdateItem", 1L);
        assertThat(total(cold)).isEqualTo(4);
        assertThat(again).containsEntry("TransactWriteItems", 1L).containsEntry("BatchGetItem", 1L);
        assertThat(total(fewer)).isEqualTo(3);
        assertThat(store.get(table.keySet()).values().stream().mapToLong(v -> v[0]).sum()).isEqualTo(1_000 - 66);
        assertThat(store.get(windowed.keySet()).values().stream().mapToLong(v -> v[0]).sum()).isEqualTo(1_000 + 1);
        System.out.printf("state store calls: first delivery %s, windowed (warm) %s, windowed (cold) %s,"
                + " again unchanged %s, again with one group less %s%n", first, firstWindowed, cold, again, fewer);
    }

    @Test
    void shouldFailNamingTheLimitWhenAChunkOfTheBatchNeedsMoreThanOneTransaction() {
        // GIVEN a batch of 4,000 groups: about 125 per receipt chunk
        DynamoDbStateStore store = store(DDB.createStateTable().name(), BY_STATUS);
        Map<GroupKey, long[]> huge = new TreeMap<>();
        IntStream.range(0, 4_000).forEach(i -> huge.put(GroupKey.of("by-status", "g" + i), new long[] {1, 1}));

        // WHEN / THEN it is refused before anything is written
        assertThatThrownBy(() -> store.apply("batch-1", huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 100").hasMessageContaining("chunk");
        assertThat(store.all("by-status")).isEmpty();
    }

    @Test
    void shouldFailNotRetryablyNamingTheTableWhenItDoesNotExist() {
        DynamoDbStateStore store = store("no-such-state-table", BY_STATUS);

        assertThatThrownBy(() -> store.apply("batch-1", Map.of(GroupKey.of("by-status", "new"), new long[] {1, 1})))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-state-table").hasMessageContaining("ResourceNotFoundException");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** A new batch's contribution around {@code now}: some table groups, some minutes, some sliding windows. */
    private static Map<GroupKey, long[]> contribution(Random r, long now) {
        Map<GroupKey, long[]> c = new TreeMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            c.merge(GroupKey.of(BY_STATUS.name(), STATUSES.get(r.nextInt(STATUSES.size()))),
                    new long[] {r.nextInt(5) - 2, r.nextInt(100) - 20}, DynamoDbStateStoreIT::sum);
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            long t = now - r.nextInt(150_000) + r.nextInt(30_000);
            c.merge(new GroupKey(PER_MINUTE.name(), REGIONS.get(r.nextInt(REGIONS.size())),
                    Math.floorDiv(t, 60_000) * 60_000), new long[] {1 + r.nextInt(3)}, DynamoDbStateStoreIT::sum);
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            long t = now - r.nextInt(150_000) + r.nextInt(30_000);
            String g = REGIONS.get(r.nextInt(REGIONS.size()));
            long[] d = {1, r.nextInt(500)};
            for (long s : SLIDING.windowsOrNull().startsFor(t)) {
                c.merge(new GroupKey(SLIDING.name(), g, s), d.clone(), DynamoDbStateStoreIT::sum);
            }
        }
        return c;
    }

    /** A batch delivered again: with nothing, with fewer keys, with more, or with other values. */
    private static Map<GroupKey, long[]> redelivery(Random r, Map<GroupKey, long[]> before, int variant, long now) {
        Map<GroupKey, long[]> c = new TreeMap<>();
        switch (variant) {
            case 0 -> {
            }
            case 1 -> before.forEach((k, v) -> {
                if (r.nextBoolean()) {
                    c.put(k, v.clone());
                }
            });
            case 2 -> {
                before.forEach((k, v) -> c.put(k, v.clone()));
                contribution(r, now).forEach((k, v) -> c.merge(k, v, DynamoDbStateStoreIT::sum));
            }
            default -> before.forEach((k, v) -> {
                if (r.nextInt(5) != 0) {
                    long[] w = v.clone();
                    w[0] += r.nextInt(3) - 1;
                    c.put(k, w);
                }
            });
        }
        return c;
    }

    private static long[] sum(long[] a, long[] b) {
        long[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    private static Map<GroupKey, long[]> copy(Map<GroupKey, long[]> m) {
        Map<GroupKey, long[]> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    private static Map<GroupKey, List<Long>> view(Map<GroupKey, long[]> m) {
        Map<GroupKey, List<Long>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, Arrays.stream(v).boxed().toList()));
        return out;
    }

    private static String describe(Map<GroupKey, long[]> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + Arrays.toString(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static List<String> describe(List<ClosedWindow> windows) {
        return windows.stream().map(w -> w.store() + "@" + w.start() + ".." + w.end() + w.finalValues().entrySet()
                .stream().map(e -> " " + e.getKey() + "=" + Arrays.toString(e.getValue()))
                .collect(Collectors.joining())).toList();
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((op, n) -> {
            if (n - before.get(op) != 0) {
                out.put(op, n - before.get(op));
            }
        });
        return out;
    }

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }
}
