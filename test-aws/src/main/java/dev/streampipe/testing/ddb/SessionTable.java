package dev.streampipe.testing.ddb;

import java.util.Objects;

/**
 * A session table created on the emulator: string partition and sort keys, a NEW_AND_OLD_IMAGES
 * stream, on-demand billing (docs/design.md §1).
 *
 * @param name             table name, unique in the JVM
 * @param partitionKeyName partition key attribute name, e.g. {@code PK}
 * @param sortKeyName      sort key attribute name, e.g. {@code SK}
 * @param streamArn        the table's latest stream ARN
 */
public record SessionTable(String name, String partitionKeyName, String sortKeyName, String streamArn) {
    public SessionTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partitionKeyName, "partitionKeyName");
        Objects.requireNonNull(sortKeyName, "sortKeyName");
        Objects.requireNonNull(streamArn, "streamArn");
    }
}
