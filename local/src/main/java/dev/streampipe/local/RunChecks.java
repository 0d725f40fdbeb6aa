package dev.streampipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.advice.ThroughputAdvice;
import dev.streampipe.local.aws.ServiceContents;
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
    /** The throughput advice for the session table from the client detector's traffic (JSON), if any. */
    String advice;

    boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    static RunChecks evaluate(RunOptions o, LocalAws aws, Workload.Written written, EventSourceMapping.Stats esm,
                              HotKeyWatch watch, OutputFiles files, Instant loadStart, Duration loadTime,
                              Redrive.Result redrive) {
        RunChecks c = new RunChecks();
        String table = aws.tableName();
        long summariesWritten = 0;
        long summariesExpected = 0;
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Long> e : written.turnsPerSession.entrySet()) {
            long expected = e.getValue() / o.summaryInterval();
            long found = aws.dynamoDb.queryPaginator(b -> b.tableName(table)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :p)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("SESSION#" + e.getKey()),
                            ":p", AttributeValue.fromS("SUMMARY#"))).select("COUNT")).stream().mapToLong(r -> r.count()).sum();
            summariesExpected += expected;
            summariesWritten += found;
            if (found != expected && missing.size() < 5) {
                missing.add(e.getKey() + " " + found + "/" + expected);
            }
        }
        String bucket = aws.box.ref(RunTemplate.ANALYTICS_BUCKET);
        String prefix = analyticsPrefix(aws);
        ServiceContents.Objects objects = ServiceContents.ndjson(aws.box.s3(), bucket, prefix);
        Counted analytics = Counted.of(objects.lines(), "event_id");
        Counted audit = Counted.of(Lines.json(files.routerLog.path(), "change"), "event_id");
        Counted dashboard = Counted.of(drain(aws, "AgentDashboardQueue"), "eventId");
        Counted customers = Counted.of(drain(aws, "CustomerNotificationsQueue"), "eventId");
        Counted escalations = Counted.of(drain(aws, "EscalationsQueue"), "eventId");
        List<JsonNode> statusEvents = drain(aws, "SessionStatusQueue");
        Counted toHandoff = Counted.of(statusEvents.stream().map(n -> n.path("detail"))
                .filter(d -> d.path("newStatus").asText().equals("handoff")).toList(), "eventId");
        Counted toDisconnected = Counted.of(statusEvents.stream().map(n -> n.path("detail"))
                .filter(d -> d.path("newStatus").asText().equals("disconnected")).toList(), "eventId");
        long otherStatus = statusEvents.size() - toHandoff.total - toDisconnected.total;
        long poison = drain(aws, "PoisonRecordQueue").size();
        String alertQueue = aws.box.sqs().getQueueUrl(b -> b.queueName(LocalAws.ALERT_QUEUE)).queueUrl();
        List<JsonNode> alertMessages = new ArrayList<>(ServiceContents.drain(aws.box.sqs(), alertQueue));
        // The monitor records a transition before its SNS publish returns: a transition of the run's last seconds
        // may still be on its way to the queue. Wait for it a little (under load, moto answers slowly).
        for (int i = 0; i < 15 && alertMessages.size() < watch.transitions().size(); i++) {
            sleep(Duration.ofSeconds(1));
            alertMessages.addAll(ServiceContents.drain(aws.box.sqs(), alertQueue));
        }
        List<JsonNode> onFailure = drain(aws, RunTemplate.ON_FAILURE_QUEUE);
        long streamRecords = esm.eventIds.size();
        long handoffs = written.handoffs.get();

        c.counts.put("workload writes", Long.toString(written.writes.get()));
        c.counts.put("  turns / handoffs / status changes / removes", written.turns.get() + " / " + handoffs
                + " / " + written.statusChanges.get() + " / " + written.removes.get());
        c.counts.put("  hot session writes", Long.toString(written.hotWrites.get()));
        c.counts.put("  write rate achieved / offered (writes/s)", String.format("%.0f / %.0f",
                written.writes.get() / Math.max(0.001, loadTime.toMillis() / 1000.0),
                o.coldWritesPerSecond() + o.hotWritesPerSecond()));
        c.counts.put("stream records (distinct event ids)", Long.toString(streamRecords));
        c.counts.put("router invocations / partial failures / function errors", esm.invocations.get() + " / "
                + esm.partialFailures.get() + " / " + esm.functionErrors.get());
        c.counts.put("records redelivered / bisections / to on-failure", esm.recordsRedelivered.get() + " / "
                + esm.bisections.get() + " / " + esm.recordsToOnFailure.get());
        c.counts.put("Firehose entries failed on purpose", Long.toString(aws.firehoseFaults.injected()));
        c.counts.put("S3 " + bucket + "/" + prefix + ": objects / lines / distinct",
                objects.count() + " / " + analytics.total + " / " + analytics.distinct.size());
        c.counts.put("audit lines (router log) / distinct", audit.total + " / " + audit.distinct.size());
        c.counts.put("SQS agent-dashboard (agent_id exists): messages / expected",
                dashboard.total + " / " + written.handoffsWithAgent.get());
        c.counts.put("SQS customer-notifications (every handoff): messages / expected", customers.total + " / " + handoffs);
        c.counts.put("SQS escalations (reason = escalated): messages / expected",
                escalations.total + " / " + written.handoffsEscalated.get());
        c.counts.put("SQS session-status via rule handoff: events / expected",
                toHandoff.total + " / " + changesTo(written, "handoff"));
        c.counts.put("SQS session-status via rule disconnected: events / expected",
                toDisconnected.total + " / " + changesTo(written, "disconnected"));
        c.counts.put("SQS poison records / on-failure", poison + " / " + onFailure.size());
        c.counts.put("summary invokes / retries / failed", aws.lambda.invocations() + " / " + aws.lambda.retries()
                + " / " + aws.lambda.failed());
        c.counts.put("SUMMARY# items written / expected", summariesWritten + " / " + summariesExpected);
        c.counts.put("monitor records processed", Long.toString(watch.recordsProcessed()));
        c.counts.put("SQS alert topic subscriber: hot-key alerts", Long.toString(alertMessages.size()));
        // The detector's counts are for its sliding window, long past by now: read the whole run's profile instead.
        String hotSession = "SESSION#" + Workload.HOT_SESSION;
        aws.clientHotKeys.tick();
        java.util.Optional<ThroughputAdvice> advice = aws.clientHotKeys.advice(table);
        java.util.Optional<ThroughputAdvice.HotKey> hotEntry = advice.flatMap(a -> a.measurements().hotKeys().stream()
                .filter(k -> k.key().equals(hotSession)).findFirst());
        double hotPeakRcu = hotEntry.map(ThroughputAdvice.HotKey::peakRcuPerSecond).orElse(0.0);
        c.counts.put("client detector, hot session: peak WCU/s / peak RCU/s", String.format("%.0f / %.0f",
                hotEntry.map(ThroughputAdvice.HotKey::peakWcuPerSecond).orElse(0.0), hotPeakRcu));
        c.advice = advice.map(ThroughputAdvice::toJson).orElse(null);
        c.checks.add(new Check("the client detector saw the hot session's reads (its summaries read its turns)",
                hotPeakRcu > 0, advice.isEmpty() ? "no traffic seen, no advice"
                        : String.format("%s peaked at %.0f RCU/s; advice computed from %d s of traffic", hotSession,
                                hotPeakRcu, advice.get().measurements().sampleSeconds())));

        c.checks.add(new Check("every stream record reached analytics (S3)", analytics.distinct.containsAll(esm.eventIds)
                && streamRecords == written.writes.get() + summariesWritten,
                analytics.distinct.size() + " of " + streamRecords + " stream records; stream carried " + streamRecords
                        + " = " + written.writes.get() + " workload writes + " + summariesWritten + " summaries"));
        c.checks.add(new Check("every stream record reached audit", audit.distinct.containsAll(esm.eventIds),
                audit.distinct.size() + " of " + streamRecords));
        c.checks.add(new Check("each queue holds exactly what its filter policy selects, once",
                dashboard.exactlyOnce(written.handoffsWithAgent.get()) && customers.exactlyOnce(handoffs)
                        && escalations.exactlyOnce(written.handoffsEscalated.get()),
                "agent-dashboard " + dashboard + ", customer-notifications " + customers + ", escalations "
                        + escalations));
        c.checks.add(new Check("each status rule delivered exactly its changes, once",
                toHandoff.exactlyOnce(changesTo(written, "handoff"))
                        && toDisconnected.exactlyOnce(changesTo(written, "disconnected")) && otherStatus == 0,
                "handoff " + toHandoff + ", disconnected " + toDisconnected + ", other " + otherStatus));
        c.checks.add(new Check("a summary for every closed window", summariesWritten == summariesExpected,
                summariesWritten + " of " + summariesExpected + (missing.isEmpty() ? "" : "; e.g. " + missing)));
        c.checks.add(new Check("no poison records", poison == 0, poison + " dead letters"));
        StateCheck state = StateCheck.of(aws, table, esm);
        c.counts.put("state: sessions by status (state table) / META items by status (session table)",
                state.byStatus() + " / " + state.truthByStatus());
        c.counts.put("state: handoff windows x reasons / handoffs counted (state table) / in the stream",
                state.handoffWindows().size() + " / " + state.handoffWindows().values().stream()
                        .mapToLong(Long::longValue).sum() + " / " + esm.handoffs.size());
        c.checks.add(new Check("active sessions by status in the state table equal the table's META items",
                state.byStatus().equals(state.truthByStatus()), state.byStatus() + " vs " + state.truthByStatus()));
        c.checks.add(new Check("handoffs per reason per 5-minute window in the state table equal the stream's",
                state.handoffWindows().equals(state.truthWindows()), state.handoffWindows() + " vs "
                + state.truthWindows()));
        c.counts.put("on-failure ranges given up / redriven / kept", redrive.messages() + " / " + redrive.redriven()
                + " / " + redrive.kept().size());
        boolean nothingLeft = onFailure.isEmpty() && redrive.kept().isEmpty();
        c.checks.add(new Check("nothing given up, or every given-up range redriven", nothingLeft,
                redrive.messages() == 0 && onFailure.isEmpty() ? "none given up"
                        : redrive.redriven() + " of " + redrive.messages() + " range(s) redriven ("
                        + redrive.records() + " records)" + (redrive.kept().isEmpty() ? "" : "; kept: "
                        + redrive.kept()) + (onFailure.isEmpty() ? "" : "; " + onFailure.size()
                        + " more in the queue, first: " + onFailure.get(0))));

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
        long alertTransitions = watch.transitions().size();
        c.checks.add(new Check("every monitor alert reached the alert topic's subscriber",
                alertMessages.size() == alertTransitions && alertTransitions > 0,
                alertMessages.size() + " messages for " + alertTransitions + " alert transitions"));
        Set<String> cold = new HashSet<>(hot);
        cold.remove(hotKey);
        c.checks.add(new Check("no cold key alerted", cold.isEmpty(), cold.isEmpty() ? "none" : cold.toString()));
        return c;
    }

    private static long changesTo(Workload.Written written, String status) {
        java.util.concurrent.atomic.AtomicLong n = written.statusChangesTo.get(status);
        return n == null ? 0 : n.get();
    }

    private static List<JsonNode> drain(LocalAws aws, String queueLogicalId) {
        return ServiceContents.drain(aws.box.sqs(), aws.box.ref(queueLogicalId));
    }

    /** The analytics delivery stream's S3 prefix up to its first expression (moto does not expand them). */
    private static String analyticsPrefix(LocalAws aws) {
        JsonNode configured = aws.box.stack().propertyAt("AnalyticsDeliveryStream",
                "ExtendedS3DestinationConfiguration", "Prefix");
        String prefix = configured == null ? "" : configured.asText();
        int expression = prefix.indexOf("!{");
        return expression < 0 ? prefix : prefix.substring(0, expression);
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
        if (advice != null) {
            sb.append("throughput advice for the session table (client detector on the workload's and the summary "
                    + "function's DynamoDB clients):\n");
            try {
                sb.append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(advice))).append('\n');
            } catch (IOException e) {
                sb.append(advice).append('\n');
            }
        }
        sb.append(String.format("result: %s in %.1f s%n", passed() ? "PASSED" : "FAILED", total.toMillis() / 1000.0));
        return sb.toString();
    }

    /** Messages and the distinct event ids among them. */
    static final class Counted {
        long total;
        final Set<String> distinct = new HashSet<>();

        static Counted of(List<JsonNode> messages, String idField) {
            Counted c = new Counted();
            for (JsonNode m : messages) {
                c.total++;
                c.distinct.add(m.path(idField).asText());
            }
            return c;
        }

        boolean exactlyOnce(long expected) {
            return total == expected && distinct.size() == total;
        }

        @Override
        public String toString() {
            return total + " (" + distinct.size() + " distinct)";
        }
    }

    /** JSON lines of a log file. */
    static final class Lines {
        /** Lines of {@code file} whose {@code kind} is {@code kind}. */
        static List<JsonNode> json(Path file, String kind) {
            List<JsonNode> out = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank() || !line.startsWith("{")) {
                        continue;
                    }
                    JsonNode n = JSON.readTree(line);
                    if (kind.equals(n.path("kind").asText())) {
                        out.add(n);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            return out;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
