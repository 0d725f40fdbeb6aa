package dev.streampipe.hotkey;

import dev.streampipe.hotkey.internal.AlertPolicy;
import dev.streampipe.hotkey.internal.TableState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds hot partition keys and hot shards in a stream of writes, in bounded memory.
 *
 * <p><b>Counting.</b> Each {@link #record write} is charged {@link WriteUnits#ofSize} WCU and
 * bucketed by its epoch second. Per table, keys are hashed to lock stripes; each stripe keeps a
 * Count-Min sketch of WCU for the current second, at most {@code maxTrackedKeysPerTable / stripes}
 * candidate keys with exact per-second rings, and an exact ring per shard for its keys' writes (a
 * shard's rate sums the stripes). A key becomes a candidate once its sketch estimate in one second
 * reaches the admission floor, {@code max(1, ceil(admissionFraction × lowest limit of any
 * threshold rule))}, evicting the coldest unpinned candidate if the stripe is full (HOT and
 * RECOVERED keys are pinned). Memory per table is therefore fixed however many keys pass: about
 * {@code 4 × sketchWidth × sketchDepth} bytes of sketch (512 KiB by default), plus
 * {@code maxTrackedKeysPerTable × (8 × ring + ≈ 250 + key length)} bytes of candidates, plus
 * {@code stripes × active shards × (8 × ring + ≈ 150)} bytes, where ring is the power of two
 * above the window (16 slots for 10 s). Keys and shards idle for a window are dropped at
 * {@link #evaluate}. Tables are never dropped but by {@link #clear()}: one stream is one table.
 *
 * <p><b>Error bounds.</b> Rates of candidates are exact from the second of admission; in the
 * admission second itself a key's count misses what it wrote before its estimate reached the
 * floor, i.e. less than the floor. A cold key is nominated by mistake only when sketch noise
 * lifts it to the floor: its estimate exceeds its true WCU in a second by more than
 * {@code ε × N} (ε = e/(sketchWidth/stripes), N = WCU written to its stripe in that second)
 * with probability at most δ = e^-sketchDepth. A wrongly nominated key costs a candidate slot,
 * never a false alert, because alerts read only exact counts. A hot key can be missed only when
 * every slot of its stripe is pinned, or when sketch noise makes nominated lukewarm keys look
 * hotter than it in the same second; the next second retries.
 *
 * <p><b>Rates and latency.</b> See {@link RateMode}; the last-second rate includes the current
 * partial second, so a key writing above its threshold alerts at the first {@link #evaluate}
 * after its count crosses it — within the first second after admission when it writes more
 * than threshold + floor per second, within two seconds otherwise. Calling evaluate once a
 * second keeps write-to-alert latency ≤ 3 s. Rates are read at the evaluation time, so the
 * instant given to {@code record} should be on the same clock: the processing time when the
 * consumer may lag, or the record's creation time when it does not; writes older than the
 * window relative to the newest second seen are dropped and counted in {@link #droppedLateWrites}.
 *
 * <p><b>Threads.</b> All methods are safe for concurrent callers. {@code record} locks one key
 * stripe for a few dozen nanoseconds, so KCL processors of different shards can share an engine;
 * {@code evaluate} and the queries lock one stripe at a time. Threads writing the same table
 * share its sketch, so throughput does not scale linearly with threads (see the JMH benchmark).
 * {@code clear} racing with {@code record} may keep some of the racing writes.
 */
public final class HotKeyEngine {

    private final HotKeyConfig config;
    private final Clock clock;
    private final AlertPolicy policy;
    private final ConcurrentHashMap<String, TableState> tables = new ConcurrentHashMap<>();
    private volatile Thresholds thresholds;
    private volatile int admissionFloor;
    private volatile int readAdmissionFloor;

    private HotKeyEngine(HotKeyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.policy = new AlertPolicy(config.recoveryFraction(), config.recoveryHold(), config.cooldown());
        setThresholds(Thresholds.withDefault(config.defaultThreshold()));
    }

    /** An engine with {@code config}; {@code clock} times the no-argument queries. */
    public static HotKeyEngine create(HotKeyConfig config, Clock clock) {
        return new HotKeyEngine(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Counts one write of {@code sizeBytes} (the billed item size: the larger of old and new
     * image; see {@link WriteUnits#ofChange}) to {@code partitionKey} in {@code shardId} at {@code at}.
     */
    public void record(String table, String partitionKey, String shardId, long sizeBytes, Instant at) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(at, "at");
        int units = WriteUnits.ofSize(sizeBytes);
        tableState(table).record(partitionKey, shardId, at.getEpochSecond(), units, admissionFloor);
    }

    /**
     * Counts one write of {@code wcu} capacity units (as DynamoDB reported them in
     * {@code ConsumedCapacity}, or as computed by {@link WriteUnits}; rounded up, at least 1).
     */
    public void recordWriteUnits(String table, String partitionKey, String shardId, double wcu, Instant at) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(at, "at");
        int units = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(wcu - 1e-9)));
        tableState(table).record(partitionKey, shardId, at.getEpochSecond(), units, admissionFloor);
    }

    /**
     * Counts one read of {@code rcu} read capacity units of {@code partitionKey} at {@code at}
     * (see {@link ReadUnits}; counted in half units, rounded up, at least half an RCU). A null
     * {@code partitionKey} counts the read in the table's totals only: a scan reads the table.
     */
    public void recordRead(String table, String partitionKey, double rcu, Instant at) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(at, "at");
        int halves = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(rcu * 2 - 1e-9)));
        tableState(table).recordRead(partitionKey, at.getEpochSecond(), halves, readAdmissionFloor);
    }

    /** {@link #evaluate(Instant)} at the clock's now. */
    public List<AlertTransition> evaluate() {
        return evaluate(clock.instant());
    }

    /**
     * Steps every tracked key's state machine at {@code now} and returns the transitions, sorted
     * by table then key. Also drops candidates and shards idle for a whole window. Call about
     * once a second.
     */
    public List<AlertTransition> evaluate(Instant now) {
        Objects.requireNonNull(now, "now");
        List<AlertTransition> transitions = new ArrayList<>();
        Thresholds rules = thresholds;
        for (TableState state : tables.values()) {
            state.evaluate(now, config.rateMode(), rules, policy, transitions);
        }
        transitions.sort(Comparator.comparing(AlertTransition::table).thenComparing(AlertTransition::key));
        return transitions;
    }

    /** The key's rate now, or empty when the key is not tracked (it never reached the admission floor). */
    public Optional<KeyRate> rateOf(String table, String partitionKey) {
        Objects.requireNonNull(partitionKey, "partitionKey");
        TableState state = tables.get(Objects.requireNonNull(table, "table"));
        return state == null ? Optional.empty()
                : Optional.ofNullable(state.rateOf(partitionKey, nowSecond(), config.rateMode(), thresholds));
    }

    /**
     * The key's writes, WCU, reads and RCU in the last {@code windowSeconds} seconds up to the clock's
     * now (the current partial second included), or empty when the key is not tracked. Exact from the
     * key's admission; see the error bounds above.
     */
    public Optional<KeyCounts> countsOf(String table, String partitionKey) {
        Objects.requireNonNull(partitionKey, "partitionKey");
        TableState state = tables.get(Objects.requireNonNull(table, "table"));
        return state == null ? Optional.empty() : Optional.ofNullable(state.countsOf(partitionKey, nowSecond()));
    }

    /** Up to {@code n} tracked keys of {@code table}, highest WCU/s first (ties by key). */
    public List<KeyRate> topKeys(String table, int n) {
        requireCount(n);
        TableState state = tables.get(Objects.requireNonNull(table, "table"));
        if (state == null) {
            return List.of();
        }
        return state.keyRates(nowSecond(), config.rateMode(), thresholds).stream()
                .sorted(Comparator.comparingDouble(KeyRate::wcuPerSecond).reversed().thenComparing(KeyRate::key))
                .limit(n)
                .toList();
    }

    /** Up to {@code n} tracked keys of {@code table}, highest RCU/s first (ties by key). */
    public List<KeyRate> topReadKeys(String table, int n) {
        requireCount(n);
        TableState state = tables.get(Objects.requireNonNull(table, "table"));
        if (state == null) {
            return List.of();
        }
        return state.keyRates(nowSecond(), config.rateMode(), thresholds).stream()
                .sorted(Comparator.comparingDouble(KeyRate::rcuPerSecond).reversed().thenComparing(KeyRate::key))
                .limit(n)
                .toList();
    }

    /**
     * The table's measured traffic for the throughput advice, as of the last {@link #evaluate}:
     * empty for an unknown table or when {@code historySeconds} is 0. Only evaluated seconds are
     * in it, so call evaluate about once a second.
     */
    public Optional<TrafficProfile> trafficProfile(String table) {
        TableState state = tables.get(Objects.requireNonNull(table, "table"));
        return state == null ? Optional.empty() : Optional.ofNullable(state.profile());
    }

    /** Up to {@code n} shards of {@code table}, highest WCU/s first (ties by shard id). */
    public List<ShardRate> topShards(String table, int n) {
        requireCount(n);
        TableState state = tables.get(Objects.requireNonNull(table, "table"));
        if (state == null) {
            return List.of();
        }
        return state.shardRates(nowSecond(), config.rateMode()).stream()
                .sorted(Comparator.comparingDouble(ShardRate::wcuPerSecond).reversed().thenComparing(ShardRate::shardId))
                .limit(n)
                .toList();
    }

    /** Sets the threshold of {@code scope} (replacing the default for {@link ThresholdScope#defaults()}). */
    public synchronized void overrideThreshold(ThresholdScope scope, Threshold threshold) {
        setThresholds(thresholds.with(scope, threshold));
    }

    /** Removes the override of {@code scope}; keys fall back to the next most specific rule. */
    public synchronized void removeOverride(ThresholdScope scope) {
        setThresholds(thresholds.without(scope));
    }

    /** The threshold rules in force. */
    public Thresholds thresholds() {
        return thresholds;
    }

    /** Forgets every table, key, shard and alert state; thresholds are kept. */
    public void clear() {
        tables.clear();
    }

    /** Tables seen since creation or the last {@link #clear()}. */
    public Set<String> tables() {
        return Set.copyOf(tables.keySet());
    }

    /** Keys of {@code table} currently counted exactly; never above {@code maxTrackedKeysPerTable}. */
    public int trackedKeyCount(String table) {
        TableState state = tables.get(Objects.requireNonNull(table, "table"));
        return state == null ? 0 : state.trackedKeyCount();
    }

    /** Writes of {@code table} dropped because their second had left the window when they arrived. */
    public long droppedLateWrites(String table) {
        TableState state = tables.get(Objects.requireNonNull(table, "table"));
        return state == null ? 0 : state.droppedLateWrites();
    }

    /** The WCU a key must reach within one second to become a candidate. */
    public int admissionFloor() {
        return admissionFloor;
    }

    /** The half-RCUs a key must read within one second to become a candidate. */
    public int readAdmissionFloor() {
        return readAdmissionFloor;
    }

    public HotKeyConfig config() {
        return config;
    }

    private void setThresholds(Thresholds rules) {
        double floor = Math.ceil(config.admissionFraction() * rules.lowestLimit());
        admissionFloor = (int) Math.max(1, Math.min(Integer.MAX_VALUE, floor));
        double readFloor = Math.ceil(config.admissionFraction() * rules.lowestReadLimitHalves());
        readAdmissionFloor = (int) Math.max(1, Math.min(Integer.MAX_VALUE, readFloor));
        thresholds = rules;
    }

    private TableState tableState(String table) {
        TableState state = tables.get(table);
        if (state == null) {
            state = tables.computeIfAbsent(table, name -> new TableState(name, config));
        }
        return state;
    }

    private long nowSecond() {
        return clock.instant().getEpochSecond();
    }

    private static void requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
    }
}
