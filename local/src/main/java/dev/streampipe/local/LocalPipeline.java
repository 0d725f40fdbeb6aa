package dev.streampipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.aws.lambda.InvocationContext;
import dev.streampipe.emulator.MotoServer;
import dev.streampipe.hotkey.KeyRate;
import dev.streampipe.router.RouterHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The whole pipeline on one machine, on the AWS wiring: moto holds {@code template.yaml}'s tables, bucket, queues,
 * topics with their filtered subscriptions, the event bus with its rules and the Firehose stream; the router runs
 * with its real SDK sinks behind an event source mapping emulator; the summary function runs behind the Lambda
 * Invoke API; the hot-key monitor reads the same stream with KCL (two readers per shard, as in AWS). It runs the
 * workload, drains, then checks what the services hold.
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
        RunTemplate template = RunTemplate.read(o.template(), o.summaryInterval());
        try (OutputFiles files = OutputFiles.create(o.out());
             MotoServer moto = MotoServer.start(MotoServer.Options.logTo(files.dir.resolve("moto.log")))) {
            console.printf("moto %s at %s (pid %d) started in %d ms; its log: %s%n", moto.version(), moto.endpoint(),
                    moto.pid(), moto.startupTime().toMillis(), moto.logFile());
            try (LocalAws aws = LocalAws.start(moto, template, o, clock,
                    line -> files.routerLog.append(List.of(line)), line -> files.summaryLog.append(List.of(line)),
                    line -> files.clientHotKeys.append(List.of(line)));
                 DynamoDbStreamsClient streams = moto.configure(DynamoDbStreamsClient.builder())
                         .httpClient(UrlConnectionHttpClient.create()).build()) {
                console.printf("created from %s:%n%s%n", o.template(), aws.describe());
                return run(o, console, monitorFactory, files, aws, streams, t0);
            }
        }
    }

    private int run(RunOptions o, PrintStream console, Function<MonitorContext, HotKeyWatch> monitorFactory,
                    OutputFiles files, LocalAws aws, DynamoDbStreamsClient streams, Instant t0) throws Exception {
        String onFailureQueue = aws.box.ref(RunTemplate.ON_FAILURE_QUEUE);
        String alertTopic = aws.box.ref(RunTemplate.ALERT_TOPIC);
        String streamArn = aws.streamArn();
        EventSourceMapping.Settings esmSettings = new EventSourceMapping.Settings(o.batchSize(), o.batchingWindow(),
                o.maxRetries(), true, Duration.ofMillis(100));
        try (EventSourceMapping esm = new EventSourceMapping(streams, streamArn, json -> invoke(aws.router, json),
                esmSettings, clock, records -> aws.box.sqs().sendMessage(b -> b.queueUrl(onFailureQueue)
                        .messageBody(onFailureRecord(streamArn, records)))).start();
             HotKeyWatch watch = monitorFactory.apply(new MonitorContext(aws.moto.endpoint(), aws.tableName(),
                     streamArn, o.hotThresholdWcu(), files.alerts.path(), alertTopic))) {
            Workload workload = new Workload(aws.appDynamoDb, aws.tableName(), new Workload.Settings(o.coldSessions(),
                    o.coldWritesPerSecond(), o.hotWritesPerSecond(), o.hotTurnBytes(), o.duration(), o.seed()), clock);
            workload.warmUp();
            waitUntilLive(esm, watch, console, Duration.ofSeconds(90));
            List<Sample> samples = new ArrayList<>();
            Instant loadStart = clock.instant();
            console.printf("load: %d cold sessions at %.0f writes/s + hot session at %.0f writes/s for %ds%n",
                    o.coldSessions(), o.coldWritesPerSecond(), o.hotWritesPerSecond(), o.duration().toSeconds());
            Progress progress = new Progress(console, clock, loadStart, workload, esm, aws.lambda, watch,
                    aws.tableName(), samples);
            progress.start();
            workload.run(4);
            Duration loadTime = Duration.between(loadStart, clock.instant());
            progress.phase("draining");
            drain(esm, aws, watch, Duration.ofSeconds(60));
            progress.stop();
            // what the mapping gave up goes through the router again, as an operator's redrive would
            Redrive.Result redrive = new Redrive(aws.box.sqs(), streams,
                    new MappingSemantics.Settings(o.maxRetries(), true))
                    .run(onFailureQueue, (batch, arn) -> invoke(aws.router, LambdaEventJson.event(batch, arn)));
            if (redrive.messages() > 0) {
                console.println(redrive.summary());
                drain(esm, aws, watch, Duration.ofSeconds(30));
            }
            console.println("reading back what the services hold ...");
            RunChecks checks = RunChecks.evaluate(o, aws, workload.written(), esm.stats(), watch, files, loadStart,
                    loadTime, redrive);
            String report = checks.report(Duration.between(t0, clock.instant()));
            files.writeReport(report);
            HtmlReport.write(files.dir.resolve("report.html"), checks, samples, o.hotThresholdWcu());
            files.requireWritten();
            console.println(report);
            console.println("output: " + files.dir.toAbsolutePath() + " (report.txt, report.html, logs)");
            return checks.passed() ? StreampipeLocal.EXIT_OK : StreampipeLocal.EXIT_FAILED;
        }
    }

    /** Invokes the router like Lambda: the event JSON in, the partial batch response out. */
    static List<String> invoke(RouterHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out,
                new InvocationContext(RunTemplate.ROUTER, Duration.ofSeconds(60), Clock.systemUTC(), line -> { }));
        JsonNode response = JSON.readTree(out.toByteArray());
        List<String> failures = new ArrayList<>();
        for (JsonNode f : response.path("batchItemFailures")) {
            failures.add(f.path("itemIdentifier").asText());
        }
        return failures;
    }

    /** What Lambda sends to a stream mapping's on-failure destination: the batch's place in the stream, no data. */
    private String onFailureRecord(String streamArn, List<Record> records) {
        Record first = records.get(0);
        Record last = records.get(records.size() - 1);
        return "{\"version\":\"1.0\",\"timestamp\":\"" + clock.instant() + "\",\"requestContext\":{\"functionArn\":"
                + "\"arn:aws:lambda:us-east-1:123456789012:function:" + RunTemplate.ROUTER + "\",\"condition\":"
                + "\"RetryAttemptsExhausted\"},\"DDBStreamBatchInfo\":{\"startSequenceNumber\":\""
                + first.dynamodb().sequenceNumber() + "\",\"endSequenceNumber\":\"" + last.dynamodb().sequenceNumber()
                + "\",\"batchSize\":" + records.size() + ",\"streamArn\":\"" + streamArn + "\"}}";
    }

    /** Waits until both readers of the stream (router mapping and monitor) have handled the warm-up write. */
    private void waitUntilLive(EventSourceMapping esm, HotKeyWatch watch, PrintStream console, Duration limit)
            throws InterruptedException {
        Instant start = clock.instant();
        long deadline = System.nanoTime() + limit.toNanos();
        while (esm.stats().recordsDone.get() < 1 || watch.recordsProcessed() < 1) {
            if (System.nanoTime() > deadline) {
                throw new EnvironmentException("the stream readers did not start within " + limit + " (router mapping "
                        + esm.stats().recordsDone.get() + ", monitor " + watch.recordsProcessed() + " records)");
            }
            Thread.sleep(100);
        }
        console.printf("both stream readers live after %.1f s (router mapping and KCL monitor)%n",
                Duration.between(start, clock.instant()).toMillis() / 1000.0);
    }

    private static void drain(EventSourceMapping esm, LocalAws aws, HotKeyWatch watch, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long lastRead = -1;
        int quietTicks = 0;
        while (System.nanoTime() < deadline && quietTicks < 6) {
            Thread.sleep(500);
            EventSourceMapping.Stats s = esm.stats();
            long read = s.recordsRead.get();
            boolean quiet = read == lastRead && s.recordsDone.get() >= read && aws.lambda.inFlight() == 0
                    && watch.recordsProcessed() >= read;
            quietTicks = quiet ? quietTicks + 1 : 0;
            lastRead = read;
        }
    }

    /**
     * Progress on one line that updates in place on a terminal, or a plain line every five seconds otherwise; it
     * samples the top keys' rates every second for the chart.
     */
    private static final class Progress {
        private final Thread thread;
        private final boolean terminal = System.console() != null;
        private volatile boolean running = true;
        private volatile String phase = "load";

        Progress(PrintStream console, Clock clock, Instant start, Workload workload, EventSourceMapping esm,
                 dev.streampipe.local.aws.LambdaService lambda, HotKeyWatch watch, String table, List<Sample> samples) {
            this.thread = new Thread(() -> {
                for (long tick = 1; running; tick++) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        break;
                    }
                    double t = Duration.between(start, clock.instant()).toMillis() / 1000.0;
                    List<KeyRate> top = watch.topKeys(table, 4);
                    synchronized (samples) {
                        for (KeyRate k : top) {
                            samples.add(new Sample(t, k.key(), k.wcuPerSecond()));
                        }
                    }
                    EventSourceMapping.Stats s = esm.stats();
                    String hot = top.isEmpty() ? "-" : String.format("%s %.0f WCU/s %s", top.get(0).key(),
                            top.get(0).wcuPerSecond(), top.get(0).state());
                    String line = String.format("%-8s t=%5.1fs written=%d routed=%d/%d redelivered=%d lag=%.1fs "
                                    + "summaries=%d monitor=%d alerts=%d top=[%s]", phase, t,
                            workload.written().writes.get(), s.recordsDone.get(), s.recordsRead.get(),
                            s.recordsRedelivered.get(), s.lag(clock.instant()).toMillis() / 1000.0,
                            lambda.invocations(), watch.recordsProcessed(), watch.transitions().size(), hot);
                    if (terminal) {
                        console.print("\r" + line + "\u001b[K");
                        console.flush();
                    } else if (tick % 5 == 0) {
                        console.println(line);
                    }
                }
                if (terminal) {
                    console.println();
                }
            }, "progress");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void phase(String name) {
            phase = name;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(2000);
        }
    }
}
