package dev.streampipe.hotkey.client;

import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which attribute of a key is the partition key, per table (or {@code table/index/name} for an index).
 * Configured names win; otherwise a key of one attribute is its own partition key, and a key holding
 * {@code PK} or {@code pk} uses it. Anything else is unattributed (null). Immutable.
 */
final class KeySchemas {

    private final Map<String, String> partitionKeys;

    KeySchemas(Map<String, String> partitionKeys) {
        this.partitionKeys = Map.copyOf(partitionKeys);
    }

    /** The partition key attribute name of {@code table}, or null when not configured. */
    String configured(String table) {
        return partitionKeys.get(table);
    }

    /** The partition key value of {@code key} (or of an item), or null when it cannot be told. */
    String partitionKey(String table, Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        String name = partitionKeys.get(table);
        if (name != null) {
            return text(key.get(name));
        }
        if (key.size() == 1) {
            return text(key.values().iterator().next());
        }
        AttributeValue upper = key.get("PK");
        return text(upper != null ? upper : key.get("pk"));
    }

    /** The key text of a partition key value: S and N as is, B in base64; null for other types. */
    static String text(AttributeValue value) {
        if (value == null) {
            return null;
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        return value.b() == null ? null : Base64.getEncoder().encodeToString(value.b().asByteArrayUnsafe());
    }

    /** {@code table}, or {@code table/index/name} when the call reads an index. */
    static String tableOf(String tableName, String indexName) {
        String table = Objects.requireNonNullElse(tableName, "");
        int slash = table.startsWith("arn:") ? table.indexOf(":table/") : -1;
        if (slash >= 0) {
            table = table.substring(slash + ":table/".length());
        }
        return indexName == null ? table : table + "/index/" + indexName;
    }
}
