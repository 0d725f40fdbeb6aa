package dev.streampipe.bench.chaos;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chaos run's command line. From the repository root, after
 * {@code ./mvnw -B -pl bench -am package -DskipTests}:
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.streampipe.bench.chaos.ChaosHarness [seed=17] [records=200000]
 *      [keys=2000] [shards=4] [size=full|ci] [variants=router,baseline|all]
 * </pre>
 * ({@code variants} also takes the broken ones by name: {@code last_sequence}, {@code no_report}, {@code reversed},
 * {@code no_ledger}, {@code unpacked}, {@code no_guard}.)
 * Prints one table, a column per variant (same stream, same seeded fault schedule), then every check per
 * variant. Exit code 0 when the streampipe router passes every check, 1 otherwise. The same seed prints the same
 * figures (wall times aside).
 */
public final class ChaosHarness {
    private ChaosHarness() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are name=value, was '" + a + "'");
            }
            options.put(a.substring(0, eq), a.substring(eq + 1));
        }
        long seed = Long.parseLong(options.getOrDefault("seed", "17"));
        ChaosSettings settings = (options.getOrDefault("size", "full").equals("ci")
                ? ChaosSettings.ci(seed) : ChaosSettings.full(seed)).with(options);
        String chosen = options.getOrDefault("variants", "router,baseline");
        List<Variant> variants = chosen.equals("all") ? List.of(Variant.values())
                : Arrays.stream(chosen.split(",")).map(v -> Variant.valueOf(v.trim().toUpperCase().replace('-', '_')))
                        .toList();
        List<ChaosVerdict> verdicts = run(settings, variants);
        print(settings, verdicts, System.out);
        boolean ok = verdicts.stream().filter(v -> v.variant() == Variant.ROUTER).allMatch(ChaosVerdict::passed);
        System.exit(ok ? 0 : 1);
    }

    static List<ChaosVerdict> run(ChaosSettings settings, List<Variant> variants) {
        SyntheticStream stream = SyntheticStream.generate(settings.seed(), settings.records(), settings.keys(),
                settings.shards(), settings.poisonRate());
        List<ChaosVerdict> verdicts = new ArrayList<>();
        for (Variant v : variants) {
            verdicts.add(ChaosRun.run(settings, stream, v));
        }
        return verdicts;
    }

    private static String result(String failure) {
        return failure == null ? "PASS" : failure.equals(ChaosVerdict.NOT_APPLICABLE) ? failure : "FAIL";
    }

    static void print(ChaosSettings settings, List<ChaosVerdict> verdicts, PrintStream out) {
        out.printf("chaos run: seed %d, %d records, %d keys, %d shards, batch %d, max retries %d, bisect on, "
                        + "deadline %s, latency spike %s%n", settings.seed(), settings.records(), settings.keys(),
                settings.shards(), settings.batchSize(), settings.maxRetries(), settings.budget(), settings.spike());
        int width = 66;
        StringBuilder header = new StringBuilder(String.format("%-" + width + "s", ""));
        verdicts.forEach(v -> header.append(String.format(" | %-26s", v.variant().label)));
        out.println(header);
        out.println("-".repeat(header.length()));
        for (String row : verdicts.get(0).rows().keySet()) {
            StringBuilder line = new StringBuilder(String.format("%-" + width + "s", row));
            verdicts.forEach(v -> line.append(String.format(" | %-26s", v.rows().get(row))));
            out.println(line);
        }
        out.println("-".repeat(header.length()));
        for (String check : verdicts.get(0).checks().keySet()) {
            StringBuilder line = new StringBuilder(String.format("%-" + width + "s", check.length() > width
                    ? check.substring(0, width - 1) + "…" : check));
            verdicts.forEach(v -> line.append(String.format(" | %-26s", result(v.checks().get(check)))));
            out.println(line);
        }
        for (ChaosVerdict v : verdicts) {
            v.checks().forEach((check, failure) -> {
                if (failure != null && !failure.equals(ChaosVerdict.NOT_APPLICABLE)) {
                    out.println("  " + v.variant().label + " FAILS \"" + check + "\": " + failure);
                }
            });
        }
    }
}
