package dev.streampipe.bench.cost;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Prints the cost table, the measured inputs it priced, and the prices with their sources. */
final class CostReport {
    private CostReport() {
    }

    static void print(PrintStream out, Path eventFile, long eventBytes, Duration latency, int runs, int memoryMb,
                      List<CostSheet> sheets) {
        Usage first = sheets.get(0).usage();
        out.printf("Cost per million stream records, %s on-demand list prices read %s (first tier, no free tier)%n",
                PriceList.REGION, PriceList.TAKEN);
        out.printf("Batch %s (%,d bytes, %,d records); router %d MB x86_64 (template.yaml); every call on loopback"
                + " with %d ms latency; router duration = median of %d runs after 3 warm-ups%n%n", eventFile,
                eventBytes, first.records(), memoryMb, latency.toMillis(), runs);

        String head = "%-44s" + " %14s".repeat(sheets.size()) + "%n";
        out.printf(head, header("USD per 1M records", sheets));
        for (int i = 0; i < sheets.get(0).lines().size(); i++) {
            CostSheet.Line line = sheets.get(0).lines().get(i);
            Object[] row = new Object[sheets.size() + 1];
            row[0] = line.name() + (line.price().confirmed() ? "" : " *");
            for (int s = 0; s < sheets.size(); s++) {
                row[s + 1] = String.format("%.4f", sheets.get(s).lines().get(i).usd());
            }
            out.printf(head, row);
        }
        Object[] total = new Object[sheets.size() + 1];
        total[0] = "total";
        for (int s = 0; s < sheets.size(); s++) {
            total[s + 1] = String.format("%.4f", sheets.get(s).total());
        }
        out.printf(head, total);
        out.println("  * price not confirmed from a stored copy of its page (see the prices below)");

        out.printf("%nMeasured per batch of %,d records (what was priced)%n", first.records());
        out.printf(head, header("", sheets));
        row(out, head, sheets, "router invocation, measured ms", u -> String.format("%.1f", u.invocationNanos() / 1e6));
        row(out, head, sheets, "router invocation, billed ms", u -> Long.toString(u.billedMillis()));
        row(out, head, sheets, "summary async invokes (Lambda requests)", u -> Long.toString(u.summaryInvokes().billed()));
        row(out, head, sheets, "  largest invoke payload, bytes", u -> Long.toString(u.summaryInvokes().maxEntryBytes()));
        api(out, head, sheets, "Firehose", Usage::firehose, "records", "billed bytes (5 KB each)");
        api(out, head, sheets, "SNS", Usage::sns, "messages", "billed requests");
        api(out, head, sheets, "EventBridge", Usage::eventBridge, "entries", "billed events");
        api(out, head, sheets, "SQS", Usage::sqs, "messages", "billed requests");
        table(out, head, sheets, "ledger", Usage::ledger);
        table(out, head, sheets, "idempotency", Usage::idempotency);
        row(out, head, sheets, "log lines (audit, EMF, batch summary)", u -> Long.toString(u.logs().entries()));
        row(out, head, sheets, "log bytes", u -> Long.toString(u.logs().bytes()));

        out.printf("%nPrices (%s, read %s)%n", PriceList.REGION, PriceList.TAKEN);
        for (Price p : PriceList.ALL) {
            out.printf("  %s: $%s per %,.0f %s; %s%n    evidence: %s%n", p.name(), plain(p.usd()), p.per(),
                    p.unit(), p.source(), p.evidence());
        }
        out.println("Not priced: the summary function's duration and Bedrock (the same windows are summarized in"
                + " every design), init/cold-start duration, DynamoDB Streams reads by Lambda (free), S3 storage and"
                + " requests behind Firehose, log storage, EventBridge archive, DynamoDB storage, data transfer, the"
                + " KCL hot-key monitor (Fargate, its DynamoDB lease tables, CloudWatch metrics), alarms.");
    }

    private static Object[] header(String first, List<CostSheet> sheets) {
        Object[] h = new Object[sheets.size() + 1];
        h[0] = first;
        for (int s = 0; s < sheets.size(); s++) {
            String d = sheets.get(s).usage().design();
            h[s + 1] = d.equals(DesignRunner.IDEMPOTENT) ? "+ idempotency" : d;
        }
        return h;
    }

    private static void row(PrintStream out, String format, List<CostSheet> sheets, String name,
                            Function<Usage, String> cell) {
        Object[] row = new Object[sheets.size() + 1];
        row[0] = name;
        for (int s = 0; s < sheets.size(); s++) {
            row[s + 1] = cell.apply(sheets.get(s).usage());
        }
        out.printf(format, row);
    }

    private static void api(PrintStream out, String format, List<CostSheet> sheets, String service,
                            Function<Usage, Usage.Api> api, String entries, String billed) {
        row(out, format, sheets, service + " calls", u -> Long.toString(api.apply(u).calls()));
        row(out, format, sheets, "  " + entries, u -> Long.toString(api.apply(u).entries()));
        row(out, format, sheets, "  bytes", u -> Long.toString(api.apply(u).bytes()));
        row(out, format, sheets, "  " + billed, u -> Long.toString(api.apply(u).billed()));
    }

    private static void table(PrintStream out, String format, List<CostSheet> sheets, String name,
                              Function<Usage, Usage.Table> table) {
        row(out, format, sheets, "DynamoDB " + name + " calls", u -> Long.toString(table.apply(u).calls()));
        row(out, format, sheets, "  items written / WRU", u -> table.apply(u).writes() + " / " + table.apply(u).writeUnits());
        row(out, format, sheets, "  items read / RRU", u -> table.apply(u).reads() + " / " + plain(table.apply(u).readUnits()));
    }

    private static String plain(double d) {
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
