package dev.streampipe.router;

import dev.streampipe.core.record.KeySchema;
import java.util.Objects;

/**
 * The session table's single-table layout as the router sees it: key attribute names, the sort-key prefixes that
 * tell item types apart, the partition-key prefix of sessions, and the summary interval. All from configuration.
 */
public record SessionSchema(KeySchema keys, String sessionPrefix, String turnPrefix, String metaKey,
                            String handoffPrefix, String summaryPrefix, int summaryInterval) {
    public static final SessionSchema DEFAULT =
            new SessionSchema(KeySchema.DEFAULT, "SESSION#", "TURN#", "META", "HANDOFF#", "SUMMARY#", 10);

    public SessionSchema {
        Objects.requireNonNull(keys, "keys");
        for (String[] named : new String[][] {{"sessionPrefix", sessionPrefix}, {"turnPrefix", turnPrefix},
                {"metaKey", metaKey}, {"handoffPrefix", handoffPrefix}, {"summaryPrefix", summaryPrefix}}) {
            if (named[1] == null || named[1].isEmpty()) {
                throw new IllegalArgumentException(named[0] + " must not be empty, was '" + named[1] + "'");
            }
        }
        if (summaryInterval < 1 || summaryInterval > 10_000) {
            throw new IllegalArgumentException("summaryInterval must be 1..10000, was " + summaryInterval);
        }
    }

    public SessionSchema withSummaryInterval(int interval) {
        return new SessionSchema(keys, sessionPrefix, turnPrefix, metaKey, handoffPrefix, summaryPrefix, interval);
    }

    public SessionSchema withKeys(KeySchema keySchema) {
        return new SessionSchema(keySchema, sessionPrefix, turnPrefix, metaKey, handoffPrefix, summaryPrefix,
                summaryInterval);
    }

    /** The session id inside a partition key, or the whole key when it lacks the session prefix. */
    public String sessionIdOf(String partitionKey) {
        return partitionKey.startsWith(sessionPrefix) ? partitionKey.substring(sessionPrefix.length()) : partitionKey;
    }

    /** The item type of a sort key: turn, meta, handoff, summary or other. */
    public String itemTypeOf(String sortKey) {
        if (sortKey == null) {
            return "other";
        }
        if (sortKey.startsWith(turnPrefix)) {
            return "turn";
        }
        if (sortKey.equals(metaKey)) {
            return "meta";
        }
        if (sortKey.startsWith(handoffPrefix)) {
            return "handoff";
        }
        if (sortKey.startsWith(summaryPrefix)) {
            return "summary";
        }
        return "other";
    }
}
