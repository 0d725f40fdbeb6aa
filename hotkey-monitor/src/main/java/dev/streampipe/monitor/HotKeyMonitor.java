package dev.streampipe.monitor;

import dev.streampipe.hotkey.HotKeyEngine;
import dev.streampipe.hotkey.advice.AdvicePolicy;
import dev.streampipe.hotkey.advice.ThroughputAdvice;
import dev.streampipe.hotkey.advice.ThroughputAdvisor;
import dev.streampipe.hotkey.alert.AlertLoop;
import dev.streampipe.hotkey.alert.AlertSink;
import dev.streampipe.monitor.kcl.KclOptions;
import dev.streampipe.monitor.kcl.KclScheduler;
import dev.streampipe.monitor.stream.HotKeyProcessorFactory;
import dev.streampipe.monitor.stream.ProcessingStats;
import dev.streampipe.monitor.stream.WriteExtractor;
import dev.streampipe.monitor.stream.WriteListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * A running hot-key monitor: a KCL scheduler whose shard processors feed one {@link HotKeyEngine},
 * and an evaluation thread that ticks an {@link AlertLoop} every {@code evaluateInterval}.
 *
 * <p>{@link #start} returns once the lease table is ready and the scheduler thread runs; records
 * flow a few seconds later. {@link #stop} shuts down gracefully (processors checkpoint);
 * {@link #halt} stops without a final checkpoint, like a crash, so the next worker reads again from
 * the last periodic checkpoint. Neither closes the clients or the sink: they are the caller's.
 */
public final class HotKeyMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HotKeyMonitor.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final MonitorConfig config;
    private final HotKeyEngine engine;
    private final ProcessingStats stats;
    private final AlertLoop alerts;
    private final Scheduler scheduler;
    private final Thread schedulerThread;
    private final ScheduledExecutorService ticker;

    private HotKeyMonitor(MonitorConfig config, HotKeyEngine engine, ProcessingStats stats, AlertLoop alerts,
                          Scheduler scheduler) {
        this.config = config;
        this.engine = engine;
        this.stats = stats;
        this.alerts = alerts;
        this.scheduler = scheduler;
        this.schedulerThread = new Thread(scheduler, "hotkey-kcl-" + config.workerId());
        this.schedulerThread.setUncaughtExceptionHandler(
                (thread, e) -> LOG.atError().addKeyValue("kind", "scheduler_failed").setCause(e)
                        .log("KCL scheduler failed; the monitor stops consuming"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hotkey-evaluate");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@link #start(MonitorConfig, MonitorClients, Clock, AlertSink, WriteListener)} without a listener. */
    public static HotKeyMonitor start(MonitorConfig config, MonitorClients clients, Clock clock, AlertSink sink) {
        return start(config, clients, clock, sink, WriteListener.NONE);
    }

    /**
     * Prepares the lease table, starts the scheduler and the evaluation ticks. On emulator clients
     * ({@link MonitorClients#isEmulator()}) KCL's own metrics are off whatever the config says; what
     * {@code sink} does with the monitor's metrics is the sink's business.
     *
     * @param listener told of every counted write (tests, progress displays)
     * @throws IllegalStateException when the lease table cannot be prepared
     */
    public static HotKeyMonitor start(MonitorConfig config, MonitorClients clients, Clock clock, AlertSink sink,
                                      WriteListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clients, "clients");
        HotKeyEngine engine = HotKeyEngine.create(config.hotKey(), clock);
        config.thresholdOverrides().forEach(engine::overrideThreshold);
        ProcessingStats stats = new ProcessingStats();
        HotKeyProcessorFactory processors = new HotKeyProcessorFactory(config.tableName(), engine,
                new WriteExtractor(config.partitionKeyName()), config.eventTime(), config.checkpointInterval(),
                clock, stats, Objects.requireNonNull(listener, "listener"));
        Scheduler scheduler = KclScheduler.build(kclOptions(config, clients), clients.streams(), clients.dynamoDb(),
                clients.cloudWatch(), processors);
        AlertLoop alerts = new AlertLoop(engine, sink, clock, config.topKeys(), config.targetUtilization());
        HotKeyMonitor monitor = new HotKeyMonitor(config, engine, stats, alerts, scheduler);
        monitor.schedulerThread.start();
        long interval = config.evaluateInterval().toMillis();
        monitor.ticker.scheduleAtFixedRate(monitor::tick, interval, interval, TimeUnit.MILLISECONDS);
        LOG.atInfo().addKeyValue("kind", "monitor_started").addKeyValue("table", config.tableName())
                .addKeyValue("application", config.applicationName()).addKeyValue("worker", config.workerId())
                .log("monitor started");
        return monitor;
    }

    /** The engine the processors feed; safe to query concurrently. */
    public HotKeyEngine engine() {
        return engine;
    }

    /**
     * The throughput advice for {@code table} from the writes the stream showed so far (the stream sees no
     * reads: read figures are 0 and read patterns assume none), write shards at the monitor's target
     * utilization; empty before the first evaluated second. {@code .toJson()} gives the report's JSON.
     */
    public Optional<ThroughputAdvice> advice(String table) {
        return engine.trafficProfile(table).map(profile -> ThroughputAdvisor.advise(profile, null,
                AdvicePolicy.defaults().withTargetUtilization(config.targetUtilization())));
    }

    /** Records counted so far (a record read again after a restart counts again). */
    public long recordsProcessed() {
        return stats.recordsProcessed();
    }

    /** All processing counters. */
    public ProcessingStats stats() {
        return stats;
    }

    /** The evaluation loop (alerts published, publication failures). */
    public AlertLoop alerts() {
        return alerts;
    }

    public MonitorConfig config() {
        return config;
    }

    /** True until the scheduler has shut down. */
    public boolean isRunning() {
        return schedulerThread.isAlive();
    }

    /** Blocks until the scheduler thread ends (after {@link #stop}, {@link #halt} or a fatal KCL error). */
    public void awaitTermination() throws InterruptedException {
        schedulerThread.join();
    }

    /**
     * Graceful shutdown: processors checkpoint what they counted, leases are released, then one last
     * evaluation runs. Returns false if it did not complete within {@code timeout}.
     */
    public boolean stop(Duration timeout) {
        boolean clean;
        try {
            clean = Boolean.TRUE.equals(scheduler.startGracefulShutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.atWarn().addKeyValue("kind", "graceful_shutdown_incomplete").setCause(e)
                    .log("graceful shutdown did not complete; stopping the scheduler");
            clean = false;
        }
        if (!clean) {
            scheduler.shutdown();
        }
        stopTicker(true);
        return join(timeout) && clean;
    }

    /** {@link #stop(Duration)} with 30 s. */
    public boolean stop() {
        return stop(STOP_TIMEOUT);
    }

    /** Stops without a final checkpoint, as after a crash. */
    public void halt() {
        scheduler.shutdown();
        stopTicker(false);
        join(STOP_TIMEOUT);
    }

    /** {@link #stop()} unless already stopped. */
    @Override
    public void close() {
        if (isRunning()) {
            stop(STOP_TIMEOUT);
        }
    }

    private void tick() {
        try {
            alerts.tick();
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("kind", "evaluation_failed").setCause(e)
                    .log("evaluation tick failed; the next tick runs as scheduled");
        }
    }

    private void stopTicker(boolean finalTick) {
        ticker.shutdown();
        try {
            if (!ticker.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                ticker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ticker.shutdownNow();
        }
        if (finalTick) {
            tick();
        }
    }

    private boolean join(Duration timeout) {
        try {
            schedulerThread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !schedulerThread.isAlive();
    }

    /** KCL options from the config; KCL metrics off on emulator clients. */
    static KclOptions kclOptions(MonitorConfig config, MonitorClients clients) {
        MetricsLevel metrics = MetricsLevel.valueOf(config.kclMetricsLevel().name());
        if (clients.isEmulator() && metrics != MetricsLevel.NONE) {
            LOG.atInfo().addKeyValue("kind", "kcl_metrics_off").addKeyValue("endpoint", clients.emulatorEndpoint().get())
                    .addKeyValue("configured", metrics).log("KCL metrics off on an emulator endpoint");
            metrics = MetricsLevel.NONE;
        }
        return new KclOptions(config.streamArn(), config.applicationName(), config.workerId(),
                InitialPositionInStream.valueOf(config.initialPosition().name()), config.idleTimeBetweenReads(),
                config.failoverTime(), metrics, clients.region());
    }
}
