package dev.streampipe.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded synthetic DynamoDB stream of chat sessions: each session's META insert (a few without a status), then
 * turns, with status changes around handoff inserts (active → handoff → active, active → waiting → active, active →
 * closed, then the META item removed and the session started again later); a few turns and handoffs are poison for
 * their split route (a string {@code turn_number}, a number {@code agent_id}). Handoffs carry a reason (a few none)
 * and, like every record, a creation time {@link #STEP} after the record before, so they spread over many 5-minute
 * windows; a few handoffs carry no creation time (poison for the windowed aggregation) and a few are
 * {@linkplain #BACKDATED backdated} (late on purpose). The last record comes {@link #TICK} after the one before it,
 * so every window has closed once it is applied. Partition keys hash to shards, so one key's records are in one shard
 * in sequence-number order. The same seed gives the same stream.
 */
final class SyntheticStream {
    static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/streampipe-sessions/stream/2025-01-01T00:00:00.000";
    /** The first record's creation time (epoch millis): 2025-01-01T00:00:00Z, a window boundary. */
    static final long START_MILLIS = 1_735_689_600_000L;
    /**
     * Between two records' creation times: short enough that one shard's batch of 100 (about 400 records of the
     * stream over 4 shards, 20 s) spans much less than the windows' grace (1 min), so a shard driven level with the
     * others never brings a late record.
     */
    static final long STEP = 50;
    /**
     * How much earlier than its neighbours a backdated handoff was created: more than a window and its grace, so its
     * window has closed when it comes (stream time is then at most a batch's span behind its neighbours').
     */
    static final Duration BACKDATED = Duration.ofMinutes(8);
    /** How long after the record before it the last record comes: past every window's close. */
    static final Duration TICK = Duration.ofMinutes(15);
    /** The handoff reasons, in proportions 4 : 2.5 : 2.5 : 1 (3% of handoffs have none). */
    private static final String[] REASONS = {"escalation", "billing", "technical", "complaint"};
    private static final double[] REASON_ODDS = {0.40, 0.65, 0.90, 1.0};

    private final List<List<StreamRecord>> shards;
    private final Map<String, StreamRecord> byEventId;
    private final int size;

    private SyntheticStream(List<List<StreamRecord>> shards, Map<String, StreamRecord> byEventId, int size) {
        this.shards = shards;
        this.byEventId = byEventId;
        this.size = size;
    }

    /**
     * {@code records} records over {@code keys} sessions in {@code shardCount} shards; poison with these odds (per
     * turn; per handoff 20× for its page, 10× for no creation time and 10× backdated).
     */
    static SyntheticStream generate(long seed, int records, int keys, int shardCount, double poisonRate) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<StreamRecord>> shards = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            shards.add(new ArrayList<>());
        }
        long[] turns = new long[keys];
        boolean[] exists = new boolean[keys];
        String[] status = new String[keys];
        boolean[] handoffDue = new boolean[keys];
        Map<String, StreamRecord> byEventId = new HashMap<>(records * 2);
        long handoffs = 0;
        for (int i = 0; i < records; i++) {
            int s = random.nextInt(keys);
            int shard = Math.floorMod(Integer.hashCode(s * 0x9E3779B1), shardCount);
            String seq = "4" + String.format("%020d", i + 1L);
            String id = "ev-" + i;
            boolean last = i == records - 1 && records > 1;
            long created = START_MILLIS + i * STEP + (last ? TICK.toMillis() : 0);
            StreamRecord r;
            if (last) {
                long n = ++turns[s]; // a plain turn: it only moves stream time
                r = new StreamRecord(shard, seq, id, s, StreamRecord.Kind.TURN, n, null, null, false, null, created,
                        false);
            } else if (!exists[s]) {
                exists[s] = true;
                status[s] = random.nextDouble() < 0.05 ? null : "active";
                r = new StreamRecord(shard, seq, id, s, StreamRecord.Kind.META_INSERT, 0, null, status[s], false, null,
                        created, false);
            } else if (handoffDue[s]) {
                handoffDue[s] = false;
                boolean poison = random.nextDouble() < poisonRate * 20;
                String reason = reason(random);
                boolean noTime = random.nextDouble() < poisonRate * 10;
                boolean backdated = random.nextDouble() < poisonRate * 10 && !noTime
                        && created - START_MILLIS >= BACKDATED.toMillis();
                r = new StreamRecord(shard, seq, id, s, StreamRecord.Kind.HANDOFF, ++handoffs, null, null, poison,
                        reason, noTime ? StreamRecord.NO_TIME : backdated ? created - BACKDATED.toMillis() : created,
                        backdated);
            } else if (random.nextDouble() < 0.03) {
                String old = status[s];
                String now = next(old, random.nextDouble());
                if (now == null) {
                    exists[s] = false;
                    status[s] = null;
                    r = new StreamRecord(shard, seq, id, s, StreamRecord.Kind.META_REMOVE, 0, old, null, false, null,
                            created, false);
                } else {
                    status[s] = now;
                    handoffDue[s] = now.equals("handoff");
                    r = new StreamRecord(shard, seq, id, s, StreamRecord.Kind.META_STATUS, 0, old, now, false, null,
                            created, false);
                }
            } else {
                long n = ++turns[s];
                boolean poison = n % 10 != 0 && random.nextDouble() < poisonRate;
                r = new StreamRecord(shard, seq, id, s, StreamRecord.Kind.TURN, n, null, null, poison, null, created,
                        false);
            }
            shards.get(shard).add(r);
            byEventId.put(id, r);
        }
        return new SyntheticStream(shards, byEventId, records);
    }

    /**
     * A batch outside the stream (a session of its own, event ids {@code warm-up-*}, created before the stream) that
     * takes every path of the router: a META insert and status change, a window-closing turn, a handoff, a poison
     * turn.
     */
    static List<StreamRecord> warmUp() {
        long created = START_MILLIS - Duration.ofMinutes(10).toMillis();
        int session = -1;
        return List.of(
                new StreamRecord(0, "1" + "0".repeat(20), "warm-up-1", session, StreamRecord.Kind.META_INSERT, 0, null,
                        "active", false, null, created, false),
                new StreamRecord(0, "2" + "0".repeat(20), "warm-up-2", session, StreamRecord.Kind.TURN, 10, null, null,
                        false, null, created, false),
                new StreamRecord(0, "3" + "0".repeat(20), "warm-up-3", session, StreamRecord.Kind.META_STATUS, 0,
                        "active", "handoff", false, null, created, false),
                new StreamRecord(0, "4" + "0".repeat(20), "warm-up-4", session, StreamRecord.Kind.HANDOFF, 1, null, null,
                        false, "escalation", created, false),
                new StreamRecord(0, "5" + "0".repeat(20), "warm-up-5", session, StreamRecord.Kind.TURN, 11, null, null,
                        true, null, created, false));
    }

    /** The status after {@code status}; {@code null}: the META item is removed (a closed session). */
    private static String next(String status, double draw) {
        if (status == null) {
            return "active";
        }
        return switch (status) {
            case "active" -> draw < 0.5 ? "handoff" : draw < 0.8 ? "waiting" : "closed";
            case "closed" -> null;
            default -> "active";
        };
    }

    private static String reason(SplittableRandom random) {
        if (random.nextDouble() < 0.03) {
            return null;
        }
        double draw = random.nextDouble();
        for (int i = 0; i < REASONS.length; i++) {
            if (draw < REASON_ODDS[i]) {
                return REASONS[i];
            }
        }
        return REASONS[REASONS.length - 1];
    }

    List<List<StreamRecord>> shards() {
        return shards;
    }

    int size() {
        return size;
    }

    /**
     * Whether {@code r} is the stream's last record: created {@link #TICK} after the others, it closes every window,
     * and comes in a batch of its own (by then Lambda has read every record before it).
     */
    boolean isLast(StreamRecord r) {
        return size > 1 && r.eventId().equals("ev-" + (size - 1));
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
        String eventName = switch (r.kind()) {
            case META_STATUS -> "MODIFY";
            case META_REMOVE -> "REMOVE";
            default -> "INSERT";
        };
        sb.append("{\"eventID\":\"").append(r.eventId()).append("\",\"eventName\":\"").append(eventName)
                .append("\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\",")
                .append("\"dynamodb\":{");
        if (r.hasTime()) {
            long ms = r.createdMillis();
            String fraction = Long.toString(1000 + Math.floorMod(ms, 1000L)).substring(1);
            sb.append("\"ApproximateCreationDateTime\":").append(Math.floorDiv(ms, 1000L)).append('.').append(fraction)
                    .append(',');
        }
        sb.append("\"Keys\":{").append(keys(r)).append('}');
        if (r.kind() != StreamRecord.Kind.META_REMOVE) {
            sb.append(",\"NewImage\":{").append(keys(r));
            switch (r.kind()) {
                case META_INSERT, META_STATUS -> meta(sb, r, r.newStatus());
                case TURN -> sb.append(",\"turn_number\":").append(r.poison()
                                ? "{\"S\":\"turn " + r.number() + "\"}" : "{\"N\":\"" + r.number() + "\"}")
                        .append(",\"role\":{\"S\":\"user\"},\"content\":{\"S\":\"hello\"}");
                case HANDOFF -> {
                    sb.append(",\"agent_id\":").append(r.poison()
                            ? "{\"N\":\"" + r.number() + "\"}" : "{\"S\":\"agent-" + r.number() % 17 + "\"}");
                    if (r.reason() != null) {
                        sb.append(",\"reason\":{\"S\":\"").append(r.reason()).append("\"}");
                    }
                }
                default -> {
                }
            }
            sb.append('}');
        }
        if (r.kind() == StreamRecord.Kind.META_STATUS || r.kind() == StreamRecord.Kind.META_REMOVE) {
            sb.append(",\"OldImage\":{").append(keys(r));
            meta(sb, r, r.oldStatus());
            sb.append('}');
        }
        sb.append(",\"SequenceNumber\":\"").append(r.sequenceNumber())
                .append("\",\"SizeBytes\":120,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},\"eventSourceARN\":\"")
                .append(STREAM_ARN).append("\"}");
    }

    /** A META image's attributes after its keys: the status (none when {@code null}) and the customer. */
    private static void meta(StringBuilder sb, StreamRecord r, String status) {
        if (status != null) {
            sb.append(",\"status\":{\"S\":\"").append(status).append("\"}");
        }
        sb.append(",\"customer_id\":{\"S\":\"c-").append(r.session()).append("\"}");
    }

    private static String keys(StreamRecord r) {
        return "\"PK\":{\"S\":\"" + r.partitionKey() + "\"},\"SK\":{\"S\":\"" + r.sortKey() + "\"}";
    }
}
