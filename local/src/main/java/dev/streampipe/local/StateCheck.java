package dev.streampipe.local;

import dev.streampipe.aws.DynamoDbStateStore;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.core.state.GroupKey;
import dev.streampipe.router.SessionSchema;
import dev.streampipe.router.SessionTopology;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The run's state, read back from the template's state table through the store the router wrote it with, beside the
 * truth: the session table's META items by status (a table aggregation's groups are what the table holds), and the
 * handoff INSERTs the stream carried by reason and 5-minute window of their creation time. Groups at 0 are left out.
 */
record StateCheck(Map<String, Long> byStatus, Map<String, Long> truthByStatus, Map<String, Long> handoffWindows,
                  Map<String, Long> truthWindows) {

    static StateCheck of(LocalAws aws, String sessionTable, EventSourceMapping.Stats esm) {
        DynamoDbStateStore store = new DynamoDbStateStore(aws.dynamoDb, aws.box.ref(RunTemplate.STATE_TABLE),
                SessionTopology.create(SessionSchema.DEFAULT).stores(), Clock.systemUTC(), Sleeper.REAL);
        Map<String, Long> byStatus = new TreeMap<>();
        store.all(SessionTopology.SESSIONS_BY_STATUS).forEach((k, v) -> {
            if (v[0] != 0) {
                byStatus.put(k.group(), v[0]);
            }
        });
        Map<String, Long> truthByStatus = new TreeMap<>();
        aws.dynamoDb.scanPaginator(b -> b.tableName(sessionTable).filterExpression("SK = :meta")
                        .expressionAttributeValues(Map.of(":meta", AttributeValue.fromS("META"))))
                .items().forEach(item -> {
                    AttributeValue status = item.get("status");
                    String group = status == null || status.s() == null || status.s().isEmpty()
                            ? SessionTopology.UNKNOWN : status.s();
                    truthByStatus.merge(group, 1L, Long::sum);
                });
        Map<String, Long> windows = new TreeMap<>();
        store.all(SessionTopology.HANDOFFS_BY_REASON).forEach((GroupKey k, long[] v) -> {
            if (v[0] != 0) {
                windows.put(Instant.ofEpochMilli(k.windowStart()) + " " + k.group(), v[0]);
            }
        });
        Map<String, Long> truthWindows = new TreeMap<>();
        esm.handoffs.values().forEach(h -> {
            for (long start : SessionTopology.HANDOFF_WINDOWS.startsFor(h.getKey())) {
                truthWindows.merge(Instant.ofEpochMilli(start) + " " + h.getValue(), 1L, Long::sum);
            }
        });
        return new StateCheck(byStatus, truthByStatus, windows, truthWindows);
    }
}
