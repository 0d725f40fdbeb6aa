package dev.streampipe.core.record;

/**
 * The table's key attribute names (configuration, never constants): partition key and sort key.
 */
public record KeySchema(String partitionKey, String sortKey) {
    public static final KeySchema DEFAULT = new KeySchema("PK", "SK");

    public KeySchema {
        if (partitionKey == null || partitionKey.isBlank()) {
            throw new IllegalArgumentException("partitionKey name must not be blank, was '" + partitionKey + "'");
        }
        if (sortKey == null || sortKey.isBlank()) {
            throw new IllegalArgumentException("sortKey name must not be blank, was '" + sortKey + "'");
        }
    }

    public java.util.Optional<String> partitionKeyOf(ChangeRecord record) {
        return record.keys().keyText(partitionKey);
    }

    public java.util.Optional<String> sortKeyOf(ChangeRecord record) {
        return record.keys().keyText(sortKey);
    }
}
