package dev.streampipe.testing.ddb;

import java.util.Objects;

/**
 * A state table created on the emulator, as {@code DynamoDbStateStore} uses it: one string partition key, no sort
 * key, TTL on {@code expires_at}, no stream, on-demand billing.
 *
 * @param name          table name, unique in the JVM
 * @param keyName       partition key attribute name, {@code PK}
 * @param ttlAttribute  the TTL attribute, {@code expires_at}
 */
public record StateTable(String name, String keyName, String ttlAttribute) {
    public StateTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(ttlAttribute, "ttlAttribute");
    }
}
