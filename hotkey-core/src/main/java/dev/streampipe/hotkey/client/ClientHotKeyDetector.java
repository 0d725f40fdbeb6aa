package dev.streampipe.hotkey.client;

import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.HotKeyEngine;
import dev.streampipe.hotkey.KeyCounts;
import dev.streampipe.hotkey.KeyRate;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.ThresholdScope;
import dev.streampipe.hotkey.ThrottleEvents;
import dev.streampipe.hotkey.advice.AdvicePolicy;
import dev.streampipe.hotkey.advice.ThroughputAdvice;
import dev.streampipe.hotkey.advice.ThroughputAdvisor;
import dev.streampipe.hotkey.alert.AlertLoop;
import dev.streampipe.hotkey.alert.AlertSink;
import dev.streampipe.hotkey.alert.AlertSinks;
import dev.streampipe.hotkey.alert.KeyAlert;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The hot-partition detector on the application's side (pydynox's {@code HotPartitionDetector}, in Java, on the
 * monitor's engine, without KCL): reads and writes per (table, partition key) in RCU and WCU, throttling reasons,
 * per-table and per-model (key prefix) thresholds, a warning line per hot key, optional EMF metrics and any
 * {@link AlertSink} (the monitor's too), and the throughput advice computed from what it saw.
 *
 * <pre>{@code
 * ClientHotKeyDetector detector = ClientHotKeyDetector.builder().partitionKey("sessions", "PK").build().start();
 * DynamoDbClient client = detector.instrument(DynamoDbClient.builder()).build();
 * ...
 * String adviceJson = detector.advice("sessions").orElseThrow().toJson();
 * }</pre>
 *
 * <p>Threshold precedence, most specific first: model (table + key prefix) &gt; key prefix in every table &gt;
 * table &gt; default. Counts and rates are over the engine's window (default 10 s) and exact once a key has
 * been admitted as a candidate (see {@link HotKeyEngine}). {@link #tick()} evaluates, logs and publishes; call it
 * about once a second, or {@link #start()} a daemon thread that does. Thread-safe.
 */
public final class ClientHotKeyDetector implements CallRecorder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientHotKeyDetector.class);
    /** Client-side writes have no stream shard; they all count under this one. */
    static final String CLIENT_SHARD = "client";

    private final HotKeyEngine engine;
    private final Clock clock;
    private final ThrottleEvents throttles = new ThrottleEvents(1_024);
    private final AlertLoop alerts;
    private final AlertSink sink;
    private final HotKeyInterceptor interceptor;
    private final AdvicePolicy advicePolicy;
    private final AtomicLong interceptorFailures = new AtomicLong();
    private volatile ScheduledExecutorService ticker;

    private ClientHotKeyDetector(Builder b) {
        this.clock = b.clock;
        this.engine = HotKeyEngine.create(b.config, b.clock);
        b.overrides.forEach(engine::overrideThreshold);
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new HotPartitionWarning((table, key) -> engine.countsOf(table, key).orElse(null), b.warnings));
        if (b.emfNamespace != null) {
            sinks.add(new EmfMetrics(b.emfNamespace, engine, throttles, b.emfSink));
        }
        if (b.alertSink != null) {
            sinks.add(b.alertSink);
        }
        this.sink = AlertSinks.fanOut(sinks);
        this.alerts = new AlertLoop(engine, sink, b.clock, b.topKeys, b.advicePolicy.targetUtilization());
        this.interceptor = new HotKeyInterceptor(new KeySchemas(b.partitionKeys), this);
        this.advicePolicy = b.advicePolicy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The interceptor to add to a {@code DynamoDbClient}; one per detector, shareable by many clients. */
    public HotKeyInterceptor interceptor() {
        return interceptor;
    }

    /** Adds the interceptor to {@code builder} (keeping its other override settings) and returns it. */
    public DynamoDbClientBuilder instrument(DynamoDbClientBuilder builder) {
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(interceptor).build());
    }

    /** Records one write of 1 WCU. */
    public void recordWrite(String table, String partitionKey) {
        recordWrite(table, partitionKey, 1);
    }

    /** Records one write of {@code wcu} units. */
    public void recordWrite(String table, String partitionKey, double wcu) {
        engine.recordWriteUnits(table, partitionKey, CLIENT_SHARD, wcu, clock.instant());
    }

    /** Records one strongly consistent read of 1 RCU. */
    public void recordRead(String table, String partitionKey) {
        recordRead(table, partitionKey, 1);
    }

    /** Records one read of {@code rcu} units ({@code partitionKey} null: a scan, counted for the table only). */
    public void recordRead(String table, String partitionKey, double rcu) {
        engine.recordRead(table, partitionKey, rcu, clock.instant());
    }

    /** Writes of the key in the window; 0 when the key is not tracked. */
    public long writeCount(String table, String partitionKey) {
        return engine.countsOf(table, partitionKey).map(KeyCounts::writes).orElse(0L);
    }

    /** Reads of the key in the window; 0 when the key is not tracked. */
    public long readCount(String table, String partitionKey) {
        return engine.countsOf(table, partitionKey).map(KeyCounts::reads).orElse(0L);
    }

    /** The key's current rates (WCU/s, writes/s, RCU/s, reads/s), state and threshold. */
    public Optional<KeyRate> rate(String table, String partitionKey) {
        return engine.rateOf(table, partitionKey);
    }

    /** Thresholds for every key of {@code table} (below model thresholds). */
    public void setTableThresholds(String table, Threshold threshold) {
        engine.overrideThreshold(ThresholdScope.table(table), threshold);
    }

    /** Thresholds for one model (entity type) of {@code table}: keys starting with {@code keyPrefix}. Win over table thresholds. */
    public void setModelThresholds(String table, String keyPrefix, Threshold threshold) {
        engine.overrideThreshold(ThresholdScope.tableAndPrefix(table, keyPrefix), threshold);
    }

    /** Forgets every key, table, alert state and throttle count; thresholds are kept. */
    public void clear() {
        engine.clear();
        throttles.clear();
    }

    /** Evaluates once: logs a warning line per key turning HOT, publishes alerts and metrics to the sinks. */
    public List<KeyAlert> tick() {
        return alerts.tick();
    }

    /** Starts a daemon thread calling {@link #tick()} every second; returns this. */
    public synchronized ClientHotKeyDetector start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "hotkey-detector");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::safeTick, 1, 1, TimeUnit.SECONDS);
        }
        return this;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("kind", "hotkey_tick_failed").setCause(e).log("client hot-key tick failed");
        }
    }

    /** The throughput advice for {@code table} from the traffic seen so far, or empty if none was seen. */
    public Optional<ThroughputAdvice> advice(String table) {
        return engine.trafficProfile(table).map(p -> ThroughputAdvisor.advise(p, throttles, advicePolicy));
    }

    public ThrottleEvents throttles() {
        return throttles;
    }

    public HotKeyEngine engine() {
        return engine;
    }

    /** Calls the interceptor failed on (the application's calls went on). */
    public long interceptorFailures() {
        return interceptorFailures.get();
    }

    @Override
    public void close() {
        ScheduledExecutorService running = ticker;
        if (running != null) {
            running.shutdownNow();
        }
        sink.close();
    }

    @Override
    public void write(String table, String key, double wcu) {
        if (key != null) {
            recordWrite(table, key, wcu);
        }
    }

    @Override
    public void read(String table, String key, double rcu) {
        recordRead(table, key, rcu);
    }

    @Override
    public void throttled(String table, String key, List<String> reasons) {
        throttles.record(table, key, reasons);
    }

    @Override
    public void interceptorFailed(String operation, Throwable failure) {
        long n = interceptorFailures.incrementAndGet();
        if (Long.bitCount(n) == 1) { // 1st, 2nd, 4th, 8th...: visible, never a flood
            LOG.atWarn().addKeyValue("kind", "hotkey_interceptor_failed").addKeyValue("operation", operation)
                    .addKeyValue("failures", n).setCause(failure)
                    .log("client hot-key interceptor failed; the call went on");
        }
    }

    /** Options; every one has a default. */
    public static final class Builder {
        private HotKeyConfig config = HotKeyConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> partitionKeys = new LinkedHashMap<>();
        private final Map<ThresholdScope, Threshold> overrides = new LinkedHashMap<>();
        private Consumer<String> warnings = line -> LoggerFactory.getLogger(HotPartitionWarning.LOGGER).warn(line);
        private String emfNamespace;
        private Consumer<String> emfSink;
        private AlertSink alertSink;
        private int topKeys = 5;
        private AdvicePolicy advicePolicy = AdvicePolicy.defaults();

        private Builder() {
        }

        /** Engine options (window, default threshold, memory bounds). */
        public Builder config(HotKeyConfig value) {
            config = Objects.requireNonNull(value, "config");
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The partition key attribute of {@code table} (needed when its keys have more than one attribute and it is not {@code PK}/{@code pk}). */
        public Builder partitionKey(String table, String attribute) {
            partitionKeys.put(Objects.requireNonNull(table, "table"), Objects.requireNonNull(attribute, "attribute"));
            return this;
        }

        public Builder tableThresholds(String table, Threshold threshold) {
            overrides.put(ThresholdScope.table(table), threshold);
            return this;
        }

        public Builder modelThresholds(String table, String keyPrefix, Threshold threshold) {
            overrides.put(ThresholdScope.tableAndPrefix(table, keyPrefix), threshold);
            return this;
        }

        /** Where warning lines go (default: the {@code dev.streampipe.hotkey.client} logger at WARN). */
        public Builder warnings(Consumer<String> value) {
            warnings = Objects.requireNonNull(value, "warnings");
            return this;
        }

        /** Writes EMF metric lines under {@code namespace} to {@code sink} (e.g. {@code System.out::println}). */
        public Builder emf(String namespace, Consumer<String> sink) {
            emfNamespace = Objects.requireNonNull(namespace, "namespace");
            emfSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /** Also publishes alerts and snapshots to this sink (e.g. the monitor's {@code AwsAlertSink}). */
        public Builder alertSink(AlertSink value) {
            alertSink = Objects.requireNonNull(value, "alertSink");
            return this;
        }

        public Builder topKeys(int value) {
            topKeys = value;
            return this;
        }

        public Builder advicePolicy(AdvicePolicy value) {
            advicePolicy = Objects.requireNonNull(value, "advicePolicy");
            return this;
        }

        public ClientHotKeyDetector build() {
            return new ClientHotKeyDetector(this);
        }
    }
}
