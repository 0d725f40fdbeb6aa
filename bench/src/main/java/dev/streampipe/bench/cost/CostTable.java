package dev.streampipe.bench.cost;

import dev.streampipe.local.aws.TemplateStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prints what one million stream records cost in us-east-1 for streampipe's router, the per-record fan-out and the
 * per-record design with Powertools-style idempotency, priced from a metered run of each over a sample batch
 * ({@link DesignRunner}, {@link UsageMeter}, {@link PriceList}). Everything but the measured router duration is
 * deterministic for a given batch and code; the duration used is printed.
 *
 * <p>Run from the repository root after {@code ./mvnw -q -B -pl bench -am package -DskipTests}:
 * {@code java -cp bench/target/benchmarks.jar dev.streampipe.bench.cost.CostTable
 * [event=events/mixed-batch-1000.json] [latencyMs=5] [runs=3] [template=template.yaml]}.
 */
public final class CostTable {
    private CostTable() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new java.util.HashMap<>(Map.of("event", "events/mixed-batch-1000.json",
                "latencyMs", "5", "runs", "3", "template", "template.yaml"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1 || !a.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("arguments are event=, latencyMs=, runs=, template=; was '" + arg + "'");
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path eventFile = Path.of(a.get("event"));
        Duration latency = Duration.ofMillis(Long.parseLong(a.get("latencyMs")));
        int runs = Integer.parseInt(a.get("runs"));
        byte[] event = Files.readAllBytes(eventFile);
        int routerMemoryMb = routerMemoryMb(Path.of(a.get("template")));
        int records = new dev.streampipe.core.decode.StreamEventDecoder().decode(event).records().size();
        List<Usage> usages;
        try (DesignRunner runner = new DesignRunner(latency)) {
            usages = runner.run(event, records, 3, runs);
        }
        List<CostSheet> sheets = usages.stream().map(u -> CostSheet.of(u, routerMemoryMb)).toList();
        CostReport.print(System.out, eventFile, event.length, latency, runs, routerMemoryMb, sheets);
    }

    /** The router's memory size from the template (parameter defaults), which must run on x86_64 to match the price. */
    static int routerMemoryMb(Path template) {
        TemplateStack stack = TemplateStack.read(template, Map.of());
        String architectures = TemplateStack.json(stack.property("RouterFunction", "Architectures"));
        if (!architectures.contains("x86_64")) {
            throw new IllegalStateException("the duration price is for x86_64; RouterFunction runs on " + architectures);
        }
        return Integer.parseInt(stack.text("RouterFunction", "MemorySize"));
    }
}
