package dev.streampipe.bench.chaos;

import dev.streampipe.router.SessionTopology;
import java.util.ArrayList;
import java.util.List;

/**
 * One change record of the synthetic stream, compact (the Lambda event JSON is written from it on demand).
 *
 * @param shard          index of the shard the partition key hashes to
 * @param sequenceNumber 21-digit sequence number, increasing over the whole stream
 * @param eventId        the stream {@code eventID}
 * @param session        session number; the partition key is {@code SESSION#s<session>}
 * @param kind           what item changed and how
 * @param number         the turn number for turns, the handoff counter for handoffs, 0 otherwise
 * @param oldStatus      the status before a META MODIFY or REMOVE, else {@code null} ({@code null} too when the item
 *                       had none)
 * @param newStatus      the status after a META INSERT or MODIFY, else {@code null} ({@code null} too when the item
 *                       has none)
 * @param poison         true if the record is malformed for its split route (turn or handoff)
 * @param reason         a handoff's {@code reason}, or {@code null} (none)
 * @param createdMillis  {@code ApproximateCreationDateTime} in epoch milliseconds, or {@link #NO_TIME} (not given: a
 *                       handoff without it is poison for the windowed aggregation)
 * @param backdated      true if its creation time lies {@link SyntheticStream#BACKDATED} before its neighbours' (its
 *                       window has closed when it arrives: a late record)
 */
record StreamRecord(int shard, String sequenceNumber, String eventId, int session, Kind kind, long number,
                    String oldStatus, String newStatus, boolean poison, String reason, long createdMillis,
                    boolean backdated) {

    /** {@link #createdMillis} of a record without {@code ApproximateCreationDateTime}. */
    static final long NO_TIME = Long.MIN_VALUE;

    enum Kind { META_INSERT, META_STATUS, META_REMOVE, TURN, HANDOFF }

    String partitionKey() {
        return "SESSION#s" + session;
    }

    String sortKey() {
        return switch (kind) {
            case META_INSERT, META_STATUS, META_REMOVE -> "META";
            case TURN -> String.format("TURN#%06d", number);
            case HANDOFF -> String.format("HANDOFF#%010d", number);
        };
    }

    boolean meta() {
        return kind == Kind.META_INSERT || kind == Kind.META_STATUS || kind == Kind.META_REMOVE;
    }

    boolean hasTime() {
        return createdMillis != NO_TIME;
    }

    /** The routes (and aggregations) that must dead-letter this record, each once; empty if none. */
    List<String> poisonRoutes() {
        List<String> routes = new ArrayList<>(2);
        if (poison) {
            routes.add(kind == Kind.TURN ? SessionTopology.TRIGGER_SUMMARY : SessionTopology.PAGE_HANDOFF);
        }
        if (kind == Kind.HANDOFF && !hasTime()) {
            routes.add(SessionTopology.HANDOFFS_BY_REASON);
        }
        return routes;
    }

    /** True for a well-formed turn whose number closes a summary window of {@code interval} turns. */
    boolean closesWindow(int interval) {
        return kind == Kind.TURN && !poison && number % interval == 0;
    }

    boolean pages() {
        return kind == Kind.HANDOFF && !poison;
    }

    boolean changesStatus() {
        return kind == Kind.META_STATUS;
    }

    /** A handoff the windowed aggregation can place in a window (it carries a creation time). */
    boolean windowed() {
        return kind == Kind.HANDOFF && hasTime();
    }

    /** The group of a status or reason as the session topology counts it: {@code UNKNOWN} when there is none. */
    static String group(String value) {
        return value == null ? SessionTopology.UNKNOWN : value;
    }

    /**
     * What a design that writes one counter per change would write for this record: one update per group a table
     * aggregation takes it out of or adds it to, one per window a windowed aggregation adds it to.
     */
    int contributions() {
        return switch (kind) {
            case META_INSERT, META_REMOVE -> 1;
            case META_STATUS -> 2;
            case HANDOFF -> hasTime() ? 1 : 0;
            case TURN -> 0;
        };
    }
}
