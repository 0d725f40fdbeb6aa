package dev.streampipe.local;

import dev.streampipe.testing.lambda.BudgetContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.core.hotkey.KeyRate;
import dev.streampipe.router.RouterHandler;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.router.SessionSchema;
import dev.streampipe.router.SessionTopology;
import dev.streampipe.router.aws.DynamoDbEffectLedger;
import dev.streampipe.summary.JsonLog;
import dev.streampipe.summary.LocalSummarizer;
import dev.streampipe.summary.SummaryConfig;
import dev.streampipe.summary.SummaryHandler;
import dev.streampipe.summary.dynamodb.DynamoDbSummaryStore;
import dev.streampipe.testing.ddb.DynamoDbLocalServer;
import dev.streampipe.testing.ddb.LedgerTable;
import dev.streampipe.testing.ddb.LocalTables;
import dev.streampipe.testing.ddb.SessionTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The whole pipeline on one machine. Starts DynamoDB Local in-process, creates the session and ledger tables,
 * wires the real router handler (file sinks for services with no local emulator, the effect ledger on DynamoDB
 * Local) behind an event source mapping emulator, the real summary handler behind an in-process async invoke, and
 * the hot-key monitor on the same stream (two readers per shard, as in AWS); runs the workload, drains, and checks.
 */
final class LocalPipeline {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();

    /** One point of the chart: seconds since the load started, a key, its WCU/s. */
    record Sample(double seconds, String key, double wcuPerSecond) {
    }

    int run(RunOptions o, PrintStream console, Function<MonitorContext, HotKeyWatch> monitorFactory)
            throws Exception {
        Instant t0 = clock.instant();
        DynamoDbLocalServer server = DynamoDbLocalServer.shared();
        console.printf("DynamoDB Local started on %s in %d ms%n", server.endpoint(), server.startupTime().toMillis());
        DynamoDbClient ddb = server.newClient();
        DynamoDbStreamsClient streams = server.newStreamsClient();
        SessionTable table = LocalTables.createSessionTable(ddb, "streampipe-sessions", "PK", "SK");
        LedgerTable ledgerTable = LocalTables.createLedgerTable(ddb, "streampipe-ledger", "PK");
        console.printf("tables: %s (stream %s), %s%n", table.name(), table.streamArn(), ledgerTable.name());

        try (OutputFiles files = new OutputFiles(o.out());
             SummaryInvoker summaries = new SummaryInvoker(SessionTopology.SUMMARY_TRIGGER_SINK,
                     summaryHandler(ddb, table, o, files), files.onFailure)) {
            ExecutorService sinkPool = RouterWiring.sinkPool();
            RouterHandler router = routerHandler(o, ddb, ledgerTable, files, summaries, sinkPool);
            EventSourceMapping.Settings esmSettings = new EventSourceMapping.Settings(o.batchSize(),
                    o.batchingWindow(), o.maxRetries(), true, Duration.ofMillis(100));
            try (EventSourceMapping esm = new EventSourceMapping(streams, table.streamArn(), json -> invoke(router, json),
                    esmSettings, clock, records -> files.onFailure.append(List.of(
                            "{\"function\":\"RouterFunction\",\"records\":" + records.size() + ",\"firstSequenceNumber\":\""
                                    + records.get(0).dynamodb().sequenceNumber() + "\"}"))).start();
                 HotKeyWatch watch = monitorFactory.apply(new MonitorContext(server.endpoint(), table.name(),
                         table.streamArn(), o.hotThresholdWcu(), files.alerts.path()))) {
                Workload workload = new Workload(ddb, table.name(), new Workload.Settings(o.coldSessions(),
                        o.coldWritesPerSecond(), o.hotWritesPerSecond(), o.hotTurnBytes(), o.duration(), o.seed()), clock);
                workload.warmUp();
                waitUntilLive(esm, watch, console, Duration.ofSeconds(90));
                List<Sample> samples = new ArrayList<>();
                Instant loadStart = clock.instant();
                Progress progress = new Progress(console, clock, loadStart, workload, esm, summaries, watch, table.name(),
                        samples);
                progress.start();
                console.printf("load: %d cold sessions at %.0f writes/s + hot session at %.0f writes/s for %ds%n",
                        o.coldSessions(), o.coldWritesPerSecond(), o.hotWritesPerSecond(), o.duration().toSeconds());
                workload.run(4);
                console.println("load done; draining the stream");
                drain(esm, summaries, watch, Duration.ofSeconds(45));
                progress.stop();
                RunChecks checks = RunChecks.evaluate(o, ddb, table, workload.written(), esm.stats(), summaries, watch,
                        files, loadStart);
                String report = checks.report(Duration.between(t0, clock.instant()));
                console.println(report);
                files.writeReport(report);
                HtmlReport.write(files.dir.resolve("report.html"), checks, samples, o.hotThresholdWcu());
                console.println("output: " + files.dir.toAbsolutePath() + " (report.html, *.ndjson)");
                return checks.passed() ? 0 : 1;
            } finally {
                sinkPool.shutdownNow();
            }
        } finally {
            ddb.close();
            streams.close();
        }
    }

    private SummaryHandler summaryHandler(DynamoDbClient ddb, SessionTable table, RunOptions o, OutputFiles files) {
        SummaryConfig config = SummaryConfig.fromEnvironment(Map.of("TABLE_NAME", table.name(),
                "SUMMARY_INTERVAL", Integer.toString(o.summaryInterval())));
        return new SummaryHandler(config, new DynamoDbSummaryStore(ddb, config), new LocalSummarizer(), clock,
                new JsonLog(line -> files.summaryLog.append(List.of(line)), clock));
    }

    private RouterHandler routerHandler(RunOptions o, DynamoDbClient ddb, LedgerTable ledgerTable, OutputFiles files,
                                        SummaryInvoker summaries, ExecutorService sinkPool) {
        DynamoDbEffectLedger ledger = new DynamoDbEffectLedger(ddb, ledgerTable.name(), Duration.ofHours(48), clock,
                Sleeper.REAL);
        Map<String, Sink> sinks = Map.of(
                SessionTopology.ANALYTICS_SINK, FileSinks.messages(SessionTopology.ANALYTICS_SINK, files.analytics,
                        o.sinkFailureRate(), new java.util.Random(o.seed())),
                SessionTopology.AUDIT_SINK, FileSinks.messages(SessionTopology.AUDIT_SINK, files.audit),
                SessionTopology.SUMMARY_TRIGGER_SINK, summaries,
                SessionTopology.STATUS_EVENTS_SINK, FileSinks.messages(SessionTopology.STATUS_EVENTS_SINK, files.statusEvents),
                SessionTopology.HANDOFFS_SINK, FileSinks.messages(SessionTopology.HANDOFFS_SINK, files.handoffs));
        SessionSchema schema = SessionSchema.DEFAULT.withSummaryInterval(o.summaryInterval());
        return new RouterHandler(RouterWiring.router(schema, sinks, ledger, FileSinks.deadLetters(files.deadLetters),
                sinkPool, line -> files.routerLog.append(List.of(line))));
    }

    /** Invokes the router like Lambda: the event JSON in, the partial batch response out. */
    static List<String> invoke(RouterHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, BudgetContext.of("RouterFunction", java.time.Duration.ofSeconds(60)));
        JsonNode response = JSON.readTree(out.toByteArray());
        List<String> failures = new ArrayList<>();
        for (JsonNode f : response.path("batchItemFailures")) {
            failures.add(f.path("itemIdentifier").asText());
        }
        return failures;
    }

    /** Waits until both readers of the stream (router mapping and monitor) have handled the warm-up write. */
    private void waitUntilLive(EventSourceMapping esm, HotKeyWatch watch, PrintStream console, Duration limit)
            throws InterruptedException {
        Instant start = clock.instant();
        long deadline = System.nanoTime() + limit.toNanos();
        while (esm.stats().recordsDone.get() < 1 || watch.recordsProcessed() < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stream readers did not start within " + limit + " (router mapping "
                        + esm.stats().recordsDone.get() + ", monitor " + watch.recordsProcessed() + " records)");
            }
            Thread.sleep(100);
        }
        console.printf("both stream readers live after %.1f s (router mapping and KCL monitor)%n",
                Duration.between(start, clock.instant()).toMillis() / 1000.0);
    }

    private static void drain(EventSourceMapping esm, SummaryInvoker summaries, HotKeyWatch watch, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long lastRead = -1;
        int quietTicks = 0;
        while (System.nanoTime() < deadline && quietTicks < 6) {
            Thread.sleep(500);
            EventSourceMapping.Stats s = esm.stats();
            long read = s.recordsRead.get();
            boolean quiet = read == lastRead && s.recordsDone.get() >= read && summaries.inFlight() == 0
                    && watch.recordsProcessed() >= read;
            quietTicks = quiet ? quietTicks + 1 : 0;
            lastRead = read;
        }
    }

    /** Prints a progress line every second and samples key rates for the chart. */
    private static final class Progress {
        private final Thread thread;
        private volatile boolean running = true;

        Progress(PrintStream console, Clock clock, Instant start, Workload workload, EventSourceMapping esm,
                 SummaryInvoker summaries, HotKeyWatch watch, String table, List<Sample> samples) {
            this.thread = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    double t = Duration.between(start, clock.instant()).toMillis() / 1000.0;
                    List<KeyRate> top = watch.topKeys(table, 4);
                    synchronized (samples) {
                        for (KeyRate k : top) {
                            samples.add(new Sample(t, k.key(), k.wcuPerSecond()));
                        }
                    }
                    EventSourceMapping.Stats s = esm.stats();
                    double lag = s.lag(clock.instant()).toMillis() / 1000.0;
                    String hot = top.isEmpty() ? "-" : String.format("%s %.0f WCU/s %s", top.get(0).key(),
                            top.get(0).wcuPerSecond(), top.get(0).state());
                    console.printf("t=%5.1fs written=%d read=%d routed=%d redelivered=%d lag=%.1fs summaries=%d "
                                    + "monitor=%d top=[%s] alerts=%d%n", t, workload.written().writes.get(),
                            s.recordsRead.get(), s.recordsDone.get(), s.recordsRedelivered.get(), lag,
                            summaries.invocations.get(), watch.recordsProcessed(), hot, watch.transitions().size());
                }
            }, "progress");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            thread.interrupt();
        }
    }
}
