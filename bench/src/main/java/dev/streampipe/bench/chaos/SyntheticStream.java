package dev.streampipe.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded synthetic DynamoDB stream of chat sessions: each session's META insert, then turns, with status changes
 * (active → handoff → active) around handoff inserts; a few turns and handoffs are poison for their split route
 * (a string {@code turn_number}, a number {@code agent_id}). Partition keys hash to shards, so one key's records
 * are in one shard in sequence-number order. The same seed gives the same stream.
 */
final class SyntheticStream {
    static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/streampipe-sessions/stream/2025-01-01T00:00:00.000";
    private static final long CREATED = 1_735_689_600L;

    private final List<List<StreamRecord>> shards;
    private final Map<String, StreamRecord> byEventId;
    private final int size;

    private SyntheticStream(List<List<StreamRecord>> shards, Map<String, StreamRecord> byEventId, int size) {
        this.shards = shards;
        this.byEventId = byEventId;
        this.size = size;
    }

    /** {@code records} records over {@code keys} sessions in {@code shardCount} shards; poison with these odds. */
    static SyntheticStream generate(long seed, int records, int keys, int shardCount, double poisonRate) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<StreamRecord>> shards = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            shards.add(new ArrayList<>());
        }
        long[] turns = new long[keys];
        String[] status = new String[keys];
        boolean[] handoffDue = new boolean[keys];
        Map<String, StreamRecord> byEventId = new HashMap<>(records * 2);
        long handoffs = 0;
        for (int i = 0; i < records; i++) {
            int s = random.nextInt(keys);
            int shard = Math.floorMod(Integer.hashCode(s * 0x9E3779B1), shardCount);
            String seq = "4" + String.format("%020d", i + 1L);
            String id = "ev-" + i;
            StreamRecord r;
            if (status[s] == null) {
                status[s] = "active";
                r = new StreamRecord(shard, seq, id, s, StreamRecord.Kind.META_INSERT, 0, null, "active", false);
            } else if (handoffDue[s]) {
                handoffDue[s] = false;
                r = new StreamRecord(shard, seq, id, s, StreamRecord.Kind.HANDOFF, ++handoffs, null, null,
                        random.nextDouble() < poisonRate * 20);
            } else if (random.nextDouble() < 0.03) {
                String old = status[s];
                status[s] = old.equals("active") ? "handoff" : "active";
                handoffDue[s] = status[s].equals("handoff");
                r = new StreamRecord(shard, seq, id, s, StreamRecord.Kind.META_STATUS, 0, old, status[s], false);
            } else {
                long n = ++turns[s];
                boolean poison = n % 10 != 0 && random.nextDouble() < poisonRate;
                r = new StreamRecord(shard, seq, id, s, StreamRecord.Kind.TURN, n, null, null, poison);
            }
            shards.get(shard).add(r);
            byEventId.put(id, r);
        }
        return new SyntheticStream(shards, byEventId, records);
    }

    List<List<StreamRecord>> shards() {
        return shards;
    }

    int size() {
        return size;
    }

    StreamRecord record(String eventId) {
        return byEventId.get(eventId);
    }

    Iterable<StreamRecord> all() {
        return byEventId.values();
    }

    /** The records of one shard whose sequence numbers lie in {@code [from, to]} (the stream's retention allows it). */
    List<StreamRecord> range(int shard, String from, String to) {
        return shards.get(shard).stream()
                .filter(r -> r.sequenceNumber().compareTo(from) >= 0 && r.sequenceNumber().compareTo(to) <= 0).toList();
    }

    /** The Lambda event JSON the event source mapping would deliver for {@code batch}. */
    static byte[] event(List<StreamRecord> batch) {
        StringBuilder sb = new StringBuilder(batch.size() * 600).append("{\"Records\":[");
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            record(sb, batch.get(i));
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void record(StringBuilder sb, StreamRecord r) {
        boolean modify = r.kind() == StreamRecord.Kind.META_STATUS;
        sb.append("{\"eventID\":\"").append(r.eventId()).append("\",\"eventName\":\"")
                .append(modify ? "MODIFY" : "INSERT")
                .append("\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\",")
                .append("\"dynamodb\":{\"ApproximateCreationDateTime\":").append(CREATED + r.number())
                .append(",\"Keys\":{").append(keys(r)).append("},\"NewImage\":{").append(keys(r));
        switch (r.kind()) {
            case META_INSERT, META_STATUS -> sb.append(",\"status\":{\"S\":\"").append(r.newStatus())
                    .append("\"},\"customer_id\":{\"S\":\"c-").append(r.session()).append("\"}");
            case TURN -> sb.append(",\"turn_number\":").append(r.poison()
                            ? "{\"S\":\"turn " + r.number() + "\"}" : "{\"N\":\"" + r.number() + "\"}")
                    .append(",\"role\":{\"S\":\"user\"},\"content\":{\"S\":\"hello\"}");
            case HANDOFF -> sb.append(",\"agent_id\":").append(r.poison()
                            ? "{\"N\":\"" + r.number() + "\"}" : "{\"S\":\"agent-" + r.number() % 17 + "\"}")
                    .append(",\"reason\":{\"S\":\"escalation\"}");
        }
        sb.append('}');
        if (modify) {
            sb.append(",\"OldImage\":{").append(keys(r)).append(",\"status\":{\"S\":\"").append(r.oldStatus())
                    .append("\"},\"customer_id\":{\"S\":\"c-").append(r.session()).append("\"}}");
        }
        sb.append(",\"SequenceNumber\":\"").append(r.sequenceNumber())
                .append("\",\"SizeBytes\":120,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},\"eventSourceARN\":\"")
                .append(STREAM_ARN).append("\"}");
    }

    private static String keys(StreamRecord r) {
        return "\"PK\":{\"S\":\"" + r.partitionKey() + "\"},\"SK\":{\"S\":\"" + r.sortKey() + "\"}";
    }
}
