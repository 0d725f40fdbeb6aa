package dev.streampipe.bench.chaos;

import java.util.List;

/**
 * What the mapping sends to the on-failure destination for records it gives up on: as in AWS, only the shard and
 * the sequence range (the records stay in the stream for its 24-hour retention), plus the first record's id so the
 * report can name it.
 */
record OnFailureRange(int shard, String startSequenceNumber, String endSequenceNumber, int batchSize,
                      String firstEventId) {

    static OnFailureRange of(List<StreamRecord> records) {
        StreamRecord first = records.get(0);
        return new OnFailureRange(first.shard(), first.sequenceNumber(),
                records.get(records.size() - 1).sequenceNumber(), records.size(), first.eventId());
    }

    @Override
    public String toString() {
        return "shard " + shard + " " + startSequenceNumber + ".." + endSequenceNumber + " (" + batchSize
                + " records, first " + firstEventId + ")";
    }
}
