package dev.streampipe.bench.items;

import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link TypedItemsBenchmark} (every method, one JMH run) and prints the typed path beside the untyped one:
 * batches/s (the mean and the best iteration, which other work on a shared machine disturbs least), the cost ratio
 * (typed time / untyped time) against the goal of 1.5, and where the typed path's extra time goes; then
 * {@link CpuTimeCheck}, the same ratio and parts in thread CPU time, taking turns (robust to a shared machine).
 * Takes JMH's own options:
 * {@code java -cp bench/target/benchmarks.jar dev.streampipe.bench.items.TypedItemsReport -wi 10 -w 3s -i 5 -r 2s -f 1}.
 * Exits with 1 when a benchmark gave no result (its setup failed: the topologies disagree, say).
 */
public final class TypedItemsReport {
    /** The goal: a typed topology costs at most this many times the untyped one. */
    static final double GOAL = 1.5;

    private static final List<String> ORDER = List.of("sessionRouter", "untyped", "typed", "decodeOnly",
            "decodeReadAll", "imagesToSdk", "imagesMapToItem", "decodeMapAll", "decodeMapDeclared");

    /** One benchmark's figures, in batches/s. */
    private record Score(double mean, double error, double best) {
        double micros() {
            return 1e6 / mean;
        }
    }

    private TypedItemsReport() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(TypedItemsBenchmark.class.getName() + "\\.");
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Map<String, Score>> byEvent = new TreeMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            double best = 0;
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) {
                    best = Math.max(best, iteration.getPrimaryResult().getScore());
                }
            }
            byEvent.computeIfAbsent(r.getParams().getParam("eventFile"), e -> new LinkedHashMap<>())
                    .put(method, new Score(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(), best));
        }
        boolean complete = !byEvent.isEmpty();
        for (Map.Entry<String, Map<String, Score>> e : byEvent.entrySet()) {
            complete &= print(e.getKey(), e.getValue());
            CpuTimeCheck.run(Files.readAllBytes(Path.of(e.getKey())), 30);
        }
        if (!complete) {
            System.out.println("missing results: a benchmark's setup failed (see above)");
            System.exit(1);
        }
    }

    private static boolean print(String eventFile, Map<String, Score> scores) throws Exception {
        List<ChangeRecord> records = new StreamEventDecoder().decode(Files.readAllBytes(Path.of(eventFile))).records();
        long images = records.stream().mapToLong(r -> (r.newImage().isPresent() ? 1 : 0)
                + (r.oldImage().isPresent() ? 1 : 0)).sum();
        System.out.printf("%nTypedItemsBenchmark on %s (%d records, %d images), one thread%n", eventFile,
                records.size(), images);
        System.out.printf("%-18s %12s %10s %12s %12s %12s%n", "benchmark", "batches/s", "± 99.9%", "best iter.",
                "µs/batch", "µs/record");
        for (String method : ORDER) {
            Score s = scores.get(method);
            if (s != null) {
                System.out.printf("%-18s %12.1f %10.1f %12.1f %12.1f %12.2f%n", method, s.mean(), s.error(), s.best(),
                        s.micros(), s.micros() / records.size());
            }
        }
        Score untyped = scores.get("untyped");
        Score typed = scores.get("typed");
        if (untyped == null || typed == null) {
            return false;
        }
        System.out.printf("%n%-16s %15s | %15s | %s%n", "", "untyped ops/s", "typed ops/s",
                "cost ratio (typed time / untyped time)");
        ratio("mean", untyped.mean(), typed.mean());
        ratio("best iteration", untyped.best(), typed.best());
        Score session = scores.get("sessionRouter");
        if (session != null) {
            System.out.printf("the router's session topology (baseline) in the same run: %.1f ops/s (best %.1f)%n",
                    session.mean(), session.best());
        }
        double extra = typed.micros() - untyped.micros();
        System.out.printf("%nthe typed path's extra time (means), µs per batch: %.1f%n", extra);
        double explained = 0;
        if (scores.containsKey("decodeReadAll") && scores.containsKey("decodeOnly")) {
            double reads = scores.get("decodeReadAll").micros() - scores.get("decodeOnly").micros();
            explained += reads;
            System.out.printf("  %-64s %10.1f%n", "reading every value of every image (decodeReadAll - decodeOnly)",
                    reads);
        }
        for (String part : List.of("imagesToSdk", "imagesMapToItem")) {
            if (scores.containsKey(part)) {
                explained += scores.get(part).micros();
                System.out.printf("  %-64s %10.1f%n", part.equals("imagesToSdk")
                        ? "SdkItems.toSdk of every image (values already read)"
                        : "TableSchema.mapToItem of every image", scores.get(part).micros());
            }
        }
        System.out.printf("  %-64s %10.1f%n", "rest (extra time minus the parts above)", extra - explained);
        if (scores.containsKey("decodeMapAll") && scores.containsKey("decodeMapDeclared")
                && scores.containsKey("decodeOnly")) {
            double decode = scores.get("decodeOnly").micros();
            System.out.printf("mapping every image, µs per batch beyond decoding: all its attributes (as ItemType"
                    + " does) %.1f, only the schema's attributes %.1f%n", scores.get("decodeMapAll").micros() - decode,
                    scores.get("decodeMapDeclared").micros() - decode);
        }
        return true;
    }

    private static void ratio(String label, double untyped, double typed) {
        double ratio = untyped / typed;
        System.out.printf("%-16s %15.1f | %15.1f | %.2fx  (goal <= %.1fx: %s)%n", label, untyped, typed, ratio, GOAL,
                ratio <= GOAL ? "MET" : "NOT MET");
    }
}
