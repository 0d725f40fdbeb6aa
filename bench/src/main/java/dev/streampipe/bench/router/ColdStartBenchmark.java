package dev.streampipe.bench.router;

import dev.streampipe.testing.aws.LoopbackAws;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the router, JVM start to first batch handled: spawns fresh JVMs running {@link ColdStartChild} on
 * the given classpath (meant to be the router's runtime classpath plus {@code bench/target/classes}), with the
 * router's environment pointing every client at a {@link LoopbackAws} ({@code AWS_ENDPOINT_URL}) and the ledger at a
 * {@link LedgerTableEndpoint} ({@code AWS_ENDPOINT_URL_DYNAMODB}). Wall time is measured here, from process spawn to
 * the child's report line; the child reports handler construction and first-batch time. JVM flags as Lambda's Java
 * runtimes set them by default: {@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}.
 *
 * <p>Args: {@code <child classpath> [runs=7] [event=events/mixed-batch.json] [modes=noop,noarg,apache]}.
 */
public final class ColdStartBenchmark {
    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String classpath = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String event = args.length > 2 ? args[2] : "events/mixed-batch.json";
        List<String> modes = Arrays.asList((args.length > 3 ? args[3] : "noop,noarg,apache").split(","));
        String java = ProcessHandle.current().info().command().orElse("java");
        try (LoopbackAws aws = LoopbackAws.start(); LedgerTableEndpoint ledger = LedgerTableEndpoint.start()) {
            System.out.printf("Cold start, JVM start -> first batch handled (%s), %d fresh JVMs per mode, medians"
                    + " [all runs] in ms; %s%n", event, runs, Runtime.version());
            for (String mode : modes) {
                List<Double> wall = new ArrayList<>();
                List<Double> ctor = new ArrayList<>();
                List<Double> handle = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    aws.reset();
                    ledger.reset();
                    long t0 = System.nanoTime();
                    String[] report = runChild(java, classpath, event, mode, aws, ledger);
                    wall.add((System.nanoTime() - t0) / 1e6);
                    ctor.add(Long.parseLong(report[1]) / 1e6);
                    handle.add(Long.parseLong(report[2]) / 1e6);
                    if (!mode.equals("noop")) {
                        check(report[3], aws, ledger);
                    }
                }
                System.out.printf("%-7s wall %7.0f %s | handler ctor %5.0f | first batch %5.0f%n", mode, median(wall),
                        rounded(wall), median(ctor), median(handle));
            }
        }
    }

    private static String[] runChild(String java, String classpath, String event, String mode, LoopbackAws aws,
                                      LedgerTableEndpoint ledger) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, ColdStartChild.class.getName(), event, mode);
        pb.redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_TOOL_OPTIONS"));
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "loopback-access-key");
        env.put("AWS_SECRET_ACCESS_KEY", "loopback-secret-key");
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", ledger.endpoint().toString());
        env.put("ANALYTICS_DELIVERY_STREAM", "streampipe-analytics");
        env.put("HANDOFF_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:streampipe-handoffs");
        env.put("EVENT_BUS_NAME", "streampipe-sessions");
        env.put("SUMMARY_FUNCTION_NAME", "streampipe-summary");
        env.put("DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/streampipe-router-dlq");
        env.put("LEDGER_TABLE_NAME", "streampipe-effect-ledger");
        Process p = pb.start();
        String report = null;
        List<String> tail = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("COLDSTART ")) {
                    report = line;
                    break;
                }
                tail.add(line);
                if (tail.size() > 20) {
                    tail.remove(0);
                }
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (report == null) {
            throw new IllegalStateException("child (" + mode + ") reported nothing; last output: " + tail);
        }
        return report.split(" ", 4);
    }

    /** The batch really went out: nothing to retry, and the sinks and the ledger were called. */
    private static void check(String response, LoopbackAws aws, LedgerTableEndpoint ledger) {
        boolean ok = response.equals("{\"batchItemFailures\":[]}") && aws.unexpected().isEmpty()
                && aws.calls("Firehose", "PutRecordBatch") >= 1 && aws.calls("Lambda", "Invoke") >= 1
                && aws.calls("SNS", "PublishBatch") >= 1 && aws.calls("EventBridge", "PutEvents") >= 1
                && ledger.calls("BatchGetItem") >= 1 && ledger.unexpected() == 0;
        if (!ok) {
            throw new IllegalStateException("cold-start run did not handle the batch: " + response + ", unexpected "
                    + aws.unexpected());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format("%.0f", v)).toList().toString();
    }
}
