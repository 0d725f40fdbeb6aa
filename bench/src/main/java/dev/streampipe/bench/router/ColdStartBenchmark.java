package dev.streampipe.bench.router;

import dev.streampipe.testing.aws.LoopbackAws;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the router, JVM start to first batch handled: spawns fresh JVMs running {@link ColdStartChild} on
 * the given classpath (meant to be the router's runtime classpath plus {@code bench/target/classes}), with the
 * router's environment pointing every client at a {@link LoopbackAws} ({@code AWS_ENDPOINT_URL}) and the ledger at a
 * {@link LedgerTableEndpoint} ({@code AWS_ENDPOINT_URL_DYNAMODB}). Wall time is measured here, from process spawn to
 * the child's report line; the child reports handler construction time, first-batch time and the CPU time its
 * process used (all threads, JIT and GC included: on a function with one vCPU or less, that is the wall time to
 * expect). JVM flags as Lambda's Java runtimes set them by default: {@code -XX:+TieredCompilation
 * -XX:TieredStopAtLevel=1}. The classpath to measure is the package {@code sam build} makes (its root and
 * {@code lib/*}), plus {@code bench/target/classes}.
 *
 * <p>Args: {@code <child classpath> [runs=7] [event=events/mixed-batch.json] [modes=noop,noarg,apache]}. To compare
 * builds side by side, give several classpaths as {@code label=classpath,label=classpath}: every mode runs on each,
 * and the runs are interleaved (run 1 of every variant, then run 2, ...) so a change in the machine's load falls on
 * all of them alike. Extra JVM options for the children: {@code -Dcoldstart.jvmArgs="..."} (all) and
 * {@code -Dcoldstart.jvmArgs.<label>="..."} (one classpath), space-separated; {@code -Dcoldstart.java.<label>=<java>}
 * runs that label's children on another JVM (JDK 17 and 25 side by side), the benchmark's own by default.
 */
public final class ColdStartBenchmark {
    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> classpaths = classpaths(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String event = args.length > 2 ? args[2] : "events/mixed-batch.json";
        List<String> modes = Arrays.asList((args.length > 3 ? args[3] : "noop,noarg,apache").split(","));
        String ownJava = ProcessHandle.current().info().command().orElse("java");
        List<Variant> variants = new ArrayList<>();
        for (Map.Entry<String, String> cp : classpaths.entrySet()) {
            String java = System.getProperty("coldstart.java." + cp.getKey(), ownJava);
            for (String mode : modes) {
                variants.add(new Variant(cp.getKey(), cp.getValue(), mode, java, jvmArgs(cp.getKey())));
            }
        }
        try (LoopbackAws aws = LoopbackAws.start(); LedgerTableEndpoint ledger = LedgerTableEndpoint.start()) {
            System.out.printf("Cold start, JVM start -> first batch handled (%s), %d fresh JVMs per variant"
                    + " (interleaved), medians [all runs] in ms; children on %s unless said%n", event, runs,
                    Runtime.version());
            for (int i = 0; i < runs; i++) {
                for (Variant v : variants) {
                    aws.reset();
                    ledger.reset();
                    long t0 = System.nanoTime();
                    String[] report = runChild(v, event, aws, ledger);
                    v.wall.add((System.nanoTime() - t0) / 1e6);
                    v.ctor.add(Long.parseLong(report[1]) / 1e6);
                    v.handle.add(Long.parseLong(report[2]) / 1e6);
                    v.cpu.add(Long.parseLong(report[3]) / 1e6);
                    if (!v.mode.equals("noop")) {
                        check(report[4], aws, ledger);
                    }
                }
            }
        }
        for (Variant v : variants) {
            System.out.printf("%-16s wall %6.0f %s | handler ctor %5.0f | first batch %5.0f | process cpu %5.0f%s%n",
                    v.name(), median(v.wall), rounded(v.wall), median(v.ctor), median(v.handle), median(v.cpu),
                    v.java().equals(ownJava) ? "" : " | on " + v.java());
        }
    }

    /** One classpath and mode, with the figures of its runs. */
    private record Variant(String label, String classpath, String mode, String java, List<String> jvmArgs,
                           List<Double> wall, List<Double> ctor, List<Double> handle, List<Double> cpu) {
        Variant(String label, String classpath, String mode, String java, List<String> jvmArgs) {
            this(label, classpath, mode, java, jvmArgs, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>());
        }

        String name() {
            return label.isEmpty() ? mode : label + "/" + mode;
        }
    }

    /** {@code classpath}, or {@code label=classpath,label=classpath} (labels are word characters). */
    private static Map<String, String> classpaths(String arg) {
        Map<String, String> byLabel = new LinkedHashMap<>();
        if (!arg.matches("\\w+=.*")) {
            byLabel.put("", arg);
            return byLabel;
        }
        for (String part : arg.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected label=classpath, was " + part);
            }
            byLabel.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return byLabel;
    }

    private static List<String> jvmArgs(String label) {
        List<String> options = new ArrayList<>();
        for (String key : List.of("coldstart.jvmArgs", "coldstart.jvmArgs." + label)) {
            String value = System.getProperty(key, "").trim();
            if (!value.isEmpty()) {
                options.addAll(Arrays.asList(value.split("\\s+")));
            }
        }
        return options;
    }

    private static String[] runChild(Variant v, String event, LoopbackAws aws, LedgerTableEndpoint ledger)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(v.java(), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        command.addAll(v.jvmArgs());
        command.addAll(List.of("-cp", v.classpath(), ColdStartChild.class.getName(), event, v.mode()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("JAVA_TOOL_OPTIONS"));
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "loopback-access-key");
        env.put("AWS_SECRET_ACCESS_KEY", "loopback-secret-key");
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", ledger.endpoint().toString());
        env.putAll(RouterEnvironment.VARIABLES);
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
            throw new IllegalStateException("child (" + v.name() + ") reported nothing; last output: " + tail);
        }
        return report.split(" ", 5);
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
