package dev.streampipe.hotkey.client;

import dev.streampipe.hotkey.ReadUnits;
import dev.streampipe.hotkey.ReadUnits.Consistency;
import dev.streampipe.hotkey.WriteUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Turns one successful DynamoDB call into reads and writes per (table, partition key).
 *
 * <p>Units: the call's {@code ConsumedCapacity} when it returned one (the table's own units in
 * {@code INDEXES} mode, the total in {@code TOTAL} mode); otherwise computed from item sizes — 1 WCU per
 * started KB, 1 RCU per started 4 KB, eventual reads half, transactional reads and writes double. A batch or
 * transaction's per-table capacity is split over its keys in proportion to their computed units. Estimates
 * without {@code ConsumedCapacity}: an update is sized on the larger of the returned attributes and its key
 * plus expression values (a lower bound: the stored item is unknown); a delete on its key or returned item;
 * a query or scan page on the sum of its items' sizes, rounded up once. Scans are counted in the table's
 * totals, never against a key; a query against its key condition's partition key; index reads against
 * {@code table/index/name}. Batch entries returned unprocessed are not counted. Other operations are ignored.
 */
final class CallAttribution {

    private final KeySchemas schemas;
    private final CallRecorder recorder;

    CallAttribution(KeySchemas schemas, CallRecorder recorder) {
        this.schemas = schemas;
        this.recorder = recorder;
    }

    void attribute(SdkRequest request, SdkResponse response) {
        if (request instanceof GetItemRequest r && response instanceof GetItemResponse out) {
            String table = KeySchemas.tableOf(r.tableName(), null);
            double rcu = readUnits(out.consumedCapacity(),
                    ReadUnits.ofSize(out.hasItem() ? SdkItemSize.ofItem(out.item()) : 0, ReadUnits.of(r.consistentRead())));
            recorder.read(table, schemas.partitionKey(table, r.key()), rcu);
        } else if (request instanceof PutItemRequest r && response instanceof PutItemResponse out) {
            String table = KeySchemas.tableOf(r.tableName(), null);
            long size = Math.max(SdkItemSize.ofItem(r.item()), out.hasAttributes() ? SdkItemSize.ofItem(out.attributes()) : 0);
            recorder.write(table, schemas.partitionKey(table, r.item()), writeUnits(out.consumedCapacity(), WriteUnits.ofSize(size)));
        } else if (request instanceof UpdateItemRequest r && response instanceof UpdateItemResponse out) {
            String table = KeySchemas.tableOf(r.tableName(), null);
            long size = Math.max(out.hasAttributes() ? SdkItemSize.ofItem(out.attributes()) : 0,
                    SdkItemSize.ofItem(r.key()) + (r.hasExpressionAttributeValues()
                            ? SdkItemSize.ofItem(r.expressionAttributeValues()) : 0));
            recorder.write(table, schemas.partitionKey(table, r.key()), writeUnits(out.consumedCapacity(), WriteUnits.ofSize(size)));
        } else if (request instanceof DeleteItemRequest r && response instanceof DeleteItemResponse out) {
            String table = KeySchemas.tableOf(r.tableName(), null);
            long size = Math.max(SdkItemSize.ofItem(r.key()), out.hasAttributes() ? SdkItemSize.ofItem(out.attributes()) : 0);
            recorder.write(table, schemas.partitionKey(table, r.key()), writeUnits(out.consumedCapacity(), WriteUnits.ofSize(size)));
        } else if (request instanceof QueryRequest r && response instanceof QueryResponse out) {
            String table = KeySchemas.tableOf(r.tableName(), r.indexName());
            double rcu = readUnits(out.consumedCapacity(), ReadUnits.ofSize(pageSize(out.items()), ReadUnits.of(r.consistentRead())));
            recorder.read(table, KeyConditions.partitionKey(r, schemas.configured(table)), rcu);
        } else if (request instanceof ScanRequest r && response instanceof ScanResponse out) {
            String table = KeySchemas.tableOf(r.tableName(), r.indexName());
            recorder.read(table, null, readUnits(out.consumedCapacity(),
                    ReadUnits.ofSize(pageSize(out.items()), ReadUnits.of(r.consistentRead()))));
        } else if (request instanceof BatchGetItemRequest r && response instanceof BatchGetItemResponse out) {
            batchGet(r, out);
        } else if (request instanceof BatchWriteItemRequest r && response instanceof BatchWriteItemResponse out) {
            batchWrite(r, out);
        } else if (request instanceof TransactGetItemsRequest r && response instanceof TransactGetItemsResponse out) {
            transactGet(r, out);
        } else if (request instanceof TransactWriteItemsRequest r && response instanceof TransactWriteItemsResponse out) {
            transactWrite(r, out);
        }
    }

    /** The table and key a failed single-item call named, for counting throttles: {table, key-or-null}. */
    String[] target(SdkRequest request) {
        if (request instanceof GetItemRequest r) {
            return target(r.tableName(), r.key());
        } else if (request instanceof PutItemRequest r) {
            return target(r.tableName(), r.item());
        } else if (request instanceof UpdateItemRequest r) {
            return target(r.tableName(), r.key());
        } else if (request instanceof DeleteItemRequest r) {
            return target(r.tableName(), r.key());
        } else if (request instanceof QueryRequest r) {
            String table = KeySchemas.tableOf(r.tableName(), r.indexName());
            return new String[] {table, KeyConditions.partitionKey(r, schemas.configured(table))};
        } else if (request instanceof ScanRequest r) {
            return new String[] {KeySchemas.tableOf(r.tableName(), r.indexName()), null};
        } else if (request instanceof BatchGetItemRequest r && r.requestItems().size() == 1) {
            return new String[] {KeySchemas.tableOf(r.requestItems().keySet().iterator().next(), null), null};
        } else if (request instanceof BatchWriteItemRequest r && r.requestItems().size() == 1) {
            return new String[] {KeySchemas.tableOf(r.requestItems().keySet().iterator().next(), null), null};
        }
        return null;
    }

    private String[] target(String tableName, Map<String, AttributeValue> key) {
        String table = KeySchemas.tableOf(tableName, null);
        return new String[] {table, schemas.partitionKey(table, key)};
    }

    private void batchGet(BatchGetItemRequest r, BatchGetItemResponse out) {
        out.responses().forEach((tableName, items) -> {
            String table = KeySchemas.tableOf(tableName, null);
            KeysAndAttributes asked = r.requestItems().get(tableName);
            Consistency consistency = ReadUnits.of(asked == null ? null : asked.consistentRead());
            List<Unit> units = new ArrayList<>(items.size());
            for (Map<String, AttributeValue> item : items) {
                units.add(new Unit(schemas.partitionKey(table, item), ReadUnits.ofSize(SdkItemSize.ofItem(item), consistency)));
            }
            emit(table, units, capacityOf(out.consumedCapacity(), tableName), false);
        });
    }

    private void batchWrite(BatchWriteItemRequest r, BatchWriteItemResponse out) {
        r.requestItems().forEach((tableName, writes) -> {
            String table = KeySchemas.tableOf(tableName, null);
            List<WriteRequest> unprocessed = out.unprocessedItems().getOrDefault(tableName, List.of());
            List<Unit> units = new ArrayList<>(writes.size());
            for (WriteRequest write : writes) {
                if (unprocessed.contains(write)) {
                    continue;
                }
                Map<String, AttributeValue> item = write.putRequest() != null ? write.putRequest().item()
                        : write.deleteRequest() != null ? write.deleteRequest().key() : null;
                if (item != null) {
                    units.add(new Unit(schemas.partitionKey(table, item), WriteUnits.ofSize(SdkItemSize.ofItem(item))));
                }
            }
            emit(table, units, capacityOf(out.consumedCapacity(), tableName), true);
        });
    }

    private void transactGet(TransactGetItemsRequest r, TransactGetItemsResponse out) {
        List<TransactGetItem> asked = r.transactItems();
        List<ItemResponse> got = out.responses();
        Map<String, List<Unit>> byTable = new java.util.LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            String tableName = asked.get(i).get().tableName();
            Map<String, AttributeValue> item = i < got.size() && got.get(i).hasItem() ? got.get(i).item() : null;
            long size = item == null ? 0 : SdkItemSize.ofItem(item);
            byTable.computeIfAbsent(tableName, t -> new ArrayList<>()).add(new Unit(
                    schemas.partitionKey(KeySchemas.tableOf(tableName, null), asked.get(i).get().key()),
                    ReadUnits.ofSize(size, Consistency.TRANSACTIONAL)));
        }
        byTable.forEach((tableName, units) ->
                emit(KeySchemas.tableOf(tableName, null), units, capacityOf(out.consumedCapacity(), tableName), false));
    }

    private void transactWrite(TransactWriteItemsRequest r, TransactWriteItemsResponse out) {
        Map<String, List<Unit>> byTable = new java.util.LinkedHashMap<>();
        for (TransactWriteItem item : r.transactItems()) {
            String tableName;
            Map<String, AttributeValue> key;
            long size;
            if (item.put() != null) {
                tableName = item.put().tableName();
                key = item.put().item();
                size = SdkItemSize.ofItem(key);
            } else if (item.update() != null) {
                tableName = item.update().tableName();
                key = item.update().key();
                size = SdkItemSize.ofItem(key) + (item.update().hasExpressionAttributeValues()
                        ? SdkItemSize.ofItem(item.update().expressionAttributeValues()) : 0);
            } else if (item.delete() != null) {
                tableName = item.delete().tableName();
                key = item.delete().key();
                size = SdkItemSize.ofItem(key);
            } else if (item.conditionCheck() != null) {
                tableName = item.conditionCheck().tableName();
                key = item.conditionCheck().key();
                size = SdkItemSize.ofItem(key);
            } else {
                continue;
            }
            String table = KeySchemas.tableOf(tableName, null);
            byTable.computeIfAbsent(tableName, t -> new ArrayList<>())
                    .add(new Unit(schemas.partitionKey(table, key), 2.0 * WriteUnits.ofSize(size)));
        }
        byTable.forEach((tableName, units) ->
                emit(KeySchemas.tableOf(tableName, null), units, capacityOf(out.consumedCapacity(), tableName), true));
    }

    private record Unit(String key, double units) {
    }

    /** Records each unit, scaled so they sum to the table's consumed capacity when DynamoDB reported one. */
    private void emit(String table, List<Unit> units, Double consumed, boolean write) {
        double computed = 0;
        for (Unit unit : units) {
            computed += unit.units();
        }
        double scale = consumed == null || computed == 0 ? 1 : consumed / computed;
        for (Unit unit : units) {
            if (unit.key() == null) {
                continue;
            }
            if (write) {
                recorder.write(table, unit.key(), unit.units() * scale);
            } else {
                recorder.read(table, unit.key(), unit.units() * scale);
            }
        }
    }

    private static Double capacityOf(List<ConsumedCapacity> capacities, String tableName) {
        for (ConsumedCapacity capacity : capacities) {
            if (tableName.equals(capacity.tableName())) {
                return tableUnits(capacity);
            }
        }
        return null;
    }

    private static double readUnits(ConsumedCapacity capacity, double computed) {
        Double units = capacity == null ? null : tableUnits(capacity);
        return units == null ? computed : units;
    }

    private static double writeUnits(ConsumedCapacity capacity, double computed) {
        return readUnits(capacity, computed);
    }

    /** The base table's units (INDEXES mode), else the call's total (TOTAL mode), else null. */
    private static Double tableUnits(ConsumedCapacity capacity) {
        if (capacity.table() != null && capacity.table().capacityUnits() != null) {
            return capacity.table().capacityUnits();
        }
        return capacity.capacityUnits();
    }

    private static long pageSize(List<Map<String, AttributeValue>> items) {
        long size = 0;
        for (Map<String, AttributeValue> item : items) {
            size += SdkItemSize.ofItem(item);
        }
        return size;
    }
}
