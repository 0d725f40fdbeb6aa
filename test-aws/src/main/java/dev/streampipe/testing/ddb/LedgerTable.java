package dev.streampipe.testing.ddb;

import java.util.Objects;

/**
 * An effect-ledger table created on the emulator: one string partition key, no sort key, no stream,
 * on-demand billing (docs/design.md §3, idempotent effects).
 *
 * @param name    table name, unique in the JVM
 * @param keyName partition key attribute name, e.g. {@code PK}
 */
public record LedgerTable(String name, String keyName) {
    public LedgerTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyName, "keyName");
    }
}
