package dev.streampipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.core.hotkey.AlertTransition;
import dev.streampipe.core.hotkey.KeyState;
import dev.streampipe.testing.ddb.SessionTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The run's own checks: counts that must reconcile between what the workload wrote, what the stream carried, what
 * each sink received, what the summary function wrote, and what the monitor alerted. The run fails if any fails.
 */
final class RunChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Check(String name, boolean passed, String detail) {
    }

    /** A key that went HOT, when, and how long after its load started. */
    record Caught(String key, Instant at, Duration after, double wcuPerSecond) {
    }

    private final List<Check> checks = new ArrayList<>();
    private final Map<String, String> counts = new LinkedHashMap<>();
    final List<Caught> caught = new ArrayList<>();

    boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    static RunChecks evaluate(RunOptions o, DynamoDbClient ddb, SessionTable table, Workload.Written written,
                              EventSourceMapping.Stats esm, SummaryInvoker summaries, HotKeyWatch watch,
                              OutputFiles files, Instant loadStart) {
        RunChecks c = new RunChecks();
        long summariesWritten = 0;
        long summariesExpected = 0;
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Long> e : written.turnsPerSession.entrySet()) {
            long expected = e.getValue() / o.summaryInterval();
            long found = ddb.queryPaginator(b -> b.tableName(table.name())
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :p)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SESSION#" + e.getKey()),
                            ":p", AttributeValue.fromS("SUMMARY#"))).select("COUNT")).stream().mapToLong(r -> r.count()).sum();
            summariesExpected += expected;
            summariesWritten += found;
            if (found != expected && missing.size() < 5) {
                missing.add(e.getKey() + " " + found + "/" + expected);
            }
        }
        Lines analytics = Lines.read(files.analytics.path());
        Lines handoffs = Lines.read(files.handoffs.path());
        Lines events = Lines.read(files.statusEvents.path());
        long deadLetters = Lines.read(files.deadLetters.path()).total;
        long streamRecords = esm.eventIds.size();

        c.counts.put("workload writes", Long.toString(written.writes.get()));
        c.counts.put("  turns / handoffs / status changes / removes", written.turns.get() + " / " + written.handoffs.get()
                + " / " + written.statusChanges.get() + " / " + written.removes.get());
        c.counts.put("  hot session writes", Long.toString(written.hotWrites.get()));
        c.counts.put("stream records (distinct event ids)", Long.toString(streamRecords));
        c.counts.put("router invocations / partial failures / function errors", esm.invocations.get() + " / "
                + esm.partialFailures.get() + " / " + esm.functionErrors.get());
        c.counts.put("records redelivered / bisections / to on-failure", esm.recordsRedelivered.get() + " / "
                + esm.bisections.get() + " / " + esm.recordsToOnFailure.get());
        c.counts.put("sink analytics (Firehose): lines / distinct event ids", analytics.total + " / " + analytics.distinct.size());
        c.counts.put("sink handoffs (SNS): lines / distinct", handoffs.total + " / " + handoffs.distinct.size());
        c.counts.put("sink status-events (EventBridge): lines / distinct", events.total + " / " + events.distinct.size());
        c.counts.put("sink dead-letters (SQS)", Long.toString(deadLetters));
        c.counts.put("summary invokes / retries / failed", summaries.invocations.get() + " / " + summaries.retries.get()
                + " / " + summaries.failed.get());
        c.counts.put("summaries written / expected", summariesWritten + " / " + summariesExpected);
        c.counts.put("monitor records processed", Long.toString(watch.recordsProcessed()));

        c.checks.add(new Check("every stream record reached analytics", analytics.distinct.containsAll(esm.eventIds)
                && streamRecords == written.writes.get() + summariesWritten,
                analytics.distinct.size() + " of " + streamRecords + " stream records; stream carried " + streamRecords
                        + " = " + written.writes.get() + " workload writes + " + summariesWritten + " summaries"));
        c.checks.add(new Check("each handoff paged exactly once", handoffs.total == written.handoffs.get()
                && handoffs.distinct.size() == handoffs.total, handoffs.total + " pages for " + written.handoffs.get()
                + " handoffs"));
        c.checks.add(new Check("each status change published exactly once", events.total == written.statusChanges.get()
                && events.distinct.size() == events.total, events.total + " events for " + written.statusChanges.get()
                + " status changes"));
        c.checks.add(new Check("a summary for every closed window", summariesWritten == summariesExpected,
                summariesWritten + " of " + summariesExpected + (missing.isEmpty() ? "" : "; e.g. " + missing)));
        c.checks.add(new Check("no poison records", deadLetters == 0, deadLetters + " dead letters"));

        Set<String> hot = new HashSet<>();
        String hotKey = "SESSION#" + Workload.HOT_SESSION;
        for (AlertTransition t : watch.transitions()) {
            if (t.to() == KeyState.HOT && hot.add(t.key())) {
                Instant started = t.key().equals(hotKey) && written.hotStarted != null ? written.hotStarted : loadStart;
                c.caught.add(new Caught(t.key(), t.at(), Duration.between(started, t.at()), t.wcuPerSecond()));
            }
        }
        c.checks.add(new Check("the hot key alerted", hot.contains(hotKey), hot.contains(hotKey)
                ? "caught " + c.caught.stream().filter(k -> k.key().equals(hotKey)).findFirst().map(k ->
                        String.format("%.1f s after its load started, at %.0f WCU/s", k.after().toMillis() / 1000.0,
                                k.wcuPerSecond())).orElse("")
                : "never alerted"));
        Set<String> cold = new HashSet<>(hot);
        cold.remove(hotKey);
        c.checks.add(new Check("no cold key alerted", cold.isEmpty(), cold.isEmpty() ? "none" : cold.toString()));
        return c;
    }

    List<Check> checks() {
        return checks;
    }

    String report(Duration total) {
        StringBuilder sb = new StringBuilder("\n==== streampipe local run ====\n");
        counts.forEach((k, v) -> sb.append(String.format("%-58s %s%n", k, v)));
        sb.append("hot keys caught:\n");
        if (caught.isEmpty()) {
            sb.append("  none\n");
        }
        for (Caught k : caught) {
            sb.append(String.format("  %-30s at %s, %.1f s after its load started, %.0f WCU/s%n", k.key(), k.at(),
                    k.after().toMillis() / 1000.0, k.wcuPerSecond()));
        }
        sb.append("checks:\n");
        for (Check ch : checks) {
            sb.append(String.format("  [%s] %s: %s%n", ch.passed() ? "PASS" : "FAIL", ch.name(), ch.detail()));
        }
        sb.append(String.format("result: %s in %.1f s%n", passed() ? "PASSED" : "FAILED", total.toMillis() / 1000.0));
        return sb.toString();
    }

    /** Lines of an NDJSON sink file and the distinct event ids in them. */
    static final class Lines {
        long total;
        final Set<String> distinct = new HashSet<>();

        static Lines read(Path file) {
            Lines l = new Lines();
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    l.total++;
                    JsonNode n = JSON.readTree(line);
                    l.distinct.add(n.path("eventId").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            return l;
        }
    }
}
