package dev.streampipe.bench.chaos;

import dev.streampipe.router.SessionTopology;

/**
 * One change record of the synthetic stream, compact (the Lambda event JSON is written from it on demand).
 *
 * @param shard          index of the shard the partition key hashes to
 * @param sequenceNumber 21-digit sequence number, increasing over the whole stream
 * @param eventId        the stream {@code eventID}
 * @param session        session number; the partition key is {@code SESSION#s<session>}
 * @param kind           what item changed and how
 * @param number         the turn number for turns, the handoff counter for handoffs, 0 otherwise
 * @param oldStatus      the status before a META MODIFY, else {@code null}
 * @param newStatus      the status after a META change, else {@code null}
 * @param poison         true if the record is malformed for its split route (turn or handoff)
 */
record StreamRecord(int shard, String sequenceNumber, String eventId, int session, Kind kind, long number,
                    String oldStatus, String newStatus, boolean poison) {

    enum Kind { META_INSERT, META_STATUS, TURN, HANDOFF }

    String partitionKey() {
        return "SESSION#s" + session;
    }

    String sortKey() {
        return switch (kind) {
            case META_INSERT, META_STATUS -> "META";
            case TURN -> String.format("TURN#%06d", number);
            case HANDOFF -> String.format("HANDOFF#%010d", number);
        };
    }

    /** The split route that must dead-letter this record, or {@code null} if it is not poison. */
    String poisonRoute() {
        return !poison ? null : kind == Kind.TURN ? SessionTopology.TRIGGER_SUMMARY : SessionTopology.PAGE_HANDOFF;
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
}
