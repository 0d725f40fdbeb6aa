package dev.streampipe.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.aws.internal.Utf8;
import dev.streampipe.testing.aws.DynamoDbCall;
import dev.streampipe.testing.aws.EventBridgeEntry;
import dev.streampipe.testing.aws.FirehoseRecord;
import dev.streampipe.testing.aws.LambdaInvocation;
import dev.streampipe.testing.aws.MessageAttribute;
import dev.streampipe.testing.aws.RecordedCall;
import dev.streampipe.testing.aws.SnsEntry;
import dev.streampipe.testing.aws.SqsEntry;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongFunction;

/**
 * Billable units from recorded calls, by {@link Billing}'s rules. Only entries the endpoint accepted are billed
 * (retries bill again; on a fault-free run every entry is accepted once), and every call is counted.
 */
final class UsageMeter {
    private UsageMeter() {
    }

    /** Firehose: every accepted record's bytes, each rounded up to 5 KB. */
    static Usage.Api firehose(List<RecordedCall<FirehoseRecord>> calls) {
        return perEntry(calls, r -> r.data().length, Billing::firehoseBilledBytes);
    }

    /** Each call counted, each accepted entry billed on its own: {@code billed(size(entry))} units. */
    private static <E> Usage.Api perEntry(List<RecordedCall<E>> calls, ToLongFunction<E> size,
                                          LongUnaryOperator billed) {
        Usage.Api api = Usage.Api.NONE;
        for (RecordedCall<E> call : calls) {
            api = api.call();
            for (E e : call.accepted()) {
                long n = size.applyAsLong(e);
                api = api.plus(n, billed.applyAsLong(n));
            }
        }
        return api;
    }

    /** SNS: one request per started 64 KB of each call's messages and attributes (a PublishBatch is one call). */
    static Usage.Api sns(List<RecordedCall<SnsEntry>> calls) {
        return perCall(calls, e -> Utf8.length(e.message()) + attributes(e.messageAttributes()));
    }

    /** SQS: as SNS, one request per started 64 KB of each call. */
    static Usage.Api sqs(List<RecordedCall<SqsEntry>> calls) {
        return perCall(calls, e -> Utf8.length(e.messageBody()) + attributes(e.messageAttributes()));
    }

    private static <E> Usage.Api perCall(List<RecordedCall<E>> calls, ToLongFunction<E> size) {
        Usage.Api api = Usage.Api.NONE;
        for (RecordedCall<E> call : calls) {
            long callBytes = 0;
            for (E e : call.accepted()) {
                long n = size.applyAsLong(e);
                callBytes += n;
                api = api.plus(n, 0);
            }
            api = billCall(api, callBytes, !call.accepted().isEmpty());
        }
        return api;
    }

    /** EventBridge: each entry bills one event per started 64 KB of its size (source, detail type, detail, ...). */
    static Usage.Api eventBridge(List<RecordedCall<EventBridgeEntry>> calls) {
        return perEntry(calls, e -> Utf8.length(e.source()) + Utf8.length(e.detailType()) + Utf8.length(e.detail())
                + e.resources().stream().mapToLong(Utf8::length).sum()
                + (e.time() == null ? 0 : Billing.EVENTBRIDGE_TIME_BYTES), Billing::chunks);
    }

    /** Lambda: each accepted asynchronous ({@code Event}) Invoke is one request of the invoked function. */
    static Usage.Api asyncInvokes(List<RecordedCall<LambdaInvocation>> calls) {
        return perEntry(calls, i -> {
            if (!"Event".equals(i.invocationType())) {
                throw new IllegalStateException("expected only asynchronous invokes, got " + i);
            }
            return i.payload().length;
        }, n -> 1);
    }

    /**
     * DynamoDB request units per table, replaying the calls in arrival order over the items they wrote (so an update
     * or a read sees the item an earlier call left). Puts and updates bill on the larger of the old and new item;
     * BatchGetItem bills each key, absent or not, strongly consistent when the request says {@code ConsistentRead}.
     *
     * @param keyAttributes the partition-key attribute of each table the calls may touch
     */
    static Map<String, Usage.Table> dynamoDb(List<RecordedCall<DynamoDbCall>> calls, Map<String, String> keyAttributes) {
        Map<String, Usage.Table> tables = new HashMap<>();
        Map<String, JsonNode> items = new HashMap<>();
        for (RecordedCall<DynamoDbCall> call : calls) {
            if (call.failure().isPresent()) {
                continue;
            }
            DynamoDbCall c = call.entries().get(0);
            JsonNode request = c.request();
            switch (c.operation()) {
                case "BatchWriteItem" -> request.path("RequestItems").fields().forEachRemaining(t -> {
                    bump(tables, t.getKey(), Usage.Table::call);
                    for (JsonNode write : t.getValue()) {
                        JsonNode item = write.path("PutRequest").path("Item");
                        if (item.isMissingNode()) {
                            throw new IllegalArgumentException("only PutRequest batch writes are metered: " + write);
                        }
                        put(tables, items, keyAttributes, t.getKey(), item);
                    }
                });
                case "BatchGetItem" -> request.path("RequestItems").fields().forEachRemaining(t -> {
                    bump(tables, t.getKey(), Usage.Table::call);
                    boolean strong = t.getValue().path("ConsistentRead").asBoolean(false);
                    for (JsonNode key : t.getValue().path("Keys")) {
                        JsonNode item = items.get(itemId(t.getKey(), key, keyAttributes));
                        double units = Billing.readUnits(item == null ? 0 : DynamoItems.size(item), strong);
                        bump(tables, t.getKey(), u -> u.read(units));
                    }
                });
                case "PutItem" -> {
                    bump(tables, c.tableName(), Usage.Table::call);
                    put(tables, items, keyAttributes, c.tableName(), request.path("Item"));
                }
                case "UpdateItem" -> {
                    String table = c.tableName();
                    bump(tables, table, Usage.Table::call);
                    String id = itemId(table, request.path("Key"), keyAttributes);
                    JsonNode before = items.getOrDefault(id, request.path("Key"));
                    JsonNode after = DynamoItems.afterUpdate(before, request);
                    long units = Billing.writeUnits(items.containsKey(id) ? DynamoItems.size(before) : 0,
                            DynamoItems.size(after));
                    items.put(id, after);
                    bump(tables, table, u -> u.write(units));
                }
                default -> throw new IllegalArgumentException("DynamoDB operation not metered: " + c.operation());
            }
        }
        return tables;
    }

    private static void put(Map<String, Usage.Table> tables, Map<String, JsonNode> items,
                            Map<String, String> keyAttributes, String table, JsonNode item) {
        String id = itemId(table, item, keyAttributes);
        JsonNode old = items.put(id, item);
        long units = Billing.writeUnits(old == null ? 0 : DynamoItems.size(old), DynamoItems.size(item));
        bump(tables, table, u -> u.write(units));
    }

    private static String itemId(String table, JsonNode itemOrKey, Map<String, String> keyAttributes) {
        String key = keyAttributes.get(table);
        if (key == null) {
            throw new IllegalArgumentException("no key attribute given for table '" + table + "'");
        }
        JsonNode value = itemOrKey.get(key);
        if (value == null) {
            throw new IllegalArgumentException("item of table '" + table + "' lacks its key '" + key + "': " + itemOrKey);
        }
        return table + "\u0000" + value;
    }

    private static void bump(Map<String, Usage.Table> tables, String table,
                             java.util.function.UnaryOperator<Usage.Table> change) {
        tables.merge(table, change.apply(Usage.Table.NONE), (old, fresh) -> change.apply(old));
    }

    private static Usage.Api billCall(Usage.Api api, long callBytes, boolean anyAccepted) {
        Usage.Api counted = api.call();
        if (!anyAccepted) {
            return counted;
        }
        return new Usage.Api(counted.calls(), counted.entries(), counted.bytes(),
                counted.billed() + Billing.chunks(callBytes), counted.maxEntryBytes());
    }

    /** Message attribute bytes as SNS and SQS count them: name, data type and value. */
    private static long attributes(Map<String, MessageAttribute> attributes) {
        long n = 0;
        for (Iterator<Map.Entry<String, MessageAttribute>> it = attributes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, MessageAttribute> a = it.next();
            MessageAttribute v = a.getValue();
            n += Utf8.length(a.getKey()) + Utf8.length(v.dataType())
                    + (v.stringValue() != null ? Utf8.length(v.stringValue()) : 0)
                    + (v.binaryValue() != null ? v.binaryValue().length : 0);
        }
        return n;
    }
}
