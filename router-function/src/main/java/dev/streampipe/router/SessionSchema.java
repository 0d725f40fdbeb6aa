package dev.streampipe.router;

import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.record.Texts;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.session.SessionKeys;
import dev.streampipe.session.SummaryWindow;
import java.util.Objects;

/**
 * The session table's single-table layout as the router sees it: key attribute names, the session/turn/summary key
 * prefixes (shared with the summary function through {@link SessionKeys}), the META sort key, the handoff prefix,
 * and the summary interval. All from configuration.
 */
public record SessionSchema(KeySchema keys, SessionKeys sessionKeys, String metaKey, String handoffPrefix,
                            int summaryInterval) {
    public static final SessionSchema DEFAULT =
            new SessionSchema(KeySchema.DEFAULT, SessionKeys.DEFAULT, "META", "HANDOFF#", 10);

    public SessionSchema {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(sessionKeys, "sessionKeys");
        if (metaKey == null || metaKey.isEmpty()) {
            throw new IllegalArgumentException("metaKey must not be empty, was '" + metaKey + "'");
        }
        if (handoffPrefix == null || handoffPrefix.isEmpty()) {
            throw new IllegalArgumentException("handoffPrefix must not be empty, was '" + handoffPrefix + "'");
        }
        SummaryWindow.requireInterval(summaryInterval);
    }

    public SessionSchema withSummaryInterval(int interval) {
        return new SessionSchema(keys, sessionKeys, metaKey, handoffPrefix, interval);
    }

    public SessionSchema withKeys(KeySchema keySchema) {
        return new SessionSchema(keySchema, sessionKeys, metaKey, handoffPrefix, summaryInterval);
    }

    public String turnPrefix() {
        return sessionKeys.turnPrefix();
    }

    public String summaryPrefix() {
        return sessionKeys.summaryPrefix();
    }

    /**
     * The session id inside a session partition key ({@code SESSION#<id>}).
     *
     * @throws PoisonRecordException naming the key when it lacks the session prefix or its id is blank: a route that
     *                               needs a session cannot serve such a record
     */
    public String sessionIdOf(String partitionKey) {
        try {
            return sessionKeys.sessionId(partitionKey);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(Texts.abbreviate(e.getMessage(), 200), e);
        }
    }

    /** The item type of a sort key: turn, meta, handoff, summary or other. */
    public String itemTypeOf(String sortKey) {
        if (sortKey == null) {
            return "other";
        }
        if (sortKey.startsWith(turnPrefix())) {
            return "turn";
        }
        if (sortKey.equals(metaKey)) {
            return "meta";
        }
        if (sortKey.startsWith(handoffPrefix)) {
            return "handoff";
        }
        if (sortKey.startsWith(summaryPrefix())) {
            return "summary";
        }
        return "other";
    }
}
