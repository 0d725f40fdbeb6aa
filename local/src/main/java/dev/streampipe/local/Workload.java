package dev.streampipe.local;

import dev.streampipe.summary.CompressedText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A chat workload on the session table: cold sessions that open (META), talk (TURN#, some zlib-compressed), get
 * handed off to a human (META status change + HANDOFF#), come back, and disconnect (their handoff items removed,
 * TTL-style); plus one hot session writing large turns fast enough to exceed the hot-key threshold. Each session's
 * writes are made in order by one thread. Counts what it wrote, for the run's reconciliation.
 */
final class Workload {

    record Settings(int coldSessions, double coldWritesPerSecond, double hotWritesPerSecond, int hotTurnBytes,
                    Duration duration, long seed) {
        static final int MAX_COLD_SESSIONS = 100_000;
        /** Writes per second: at the least each cold writer thread writes every 40 s; the most is far past moto. */
        static final double MIN_RATE = 0.1;
        static final double MAX_RATE = 1_000;

        Settings {
            if (coldSessions < 1 || coldSessions > MAX_COLD_SESSIONS) {
                throw new IllegalArgumentException("coldSessions must be 1.." + MAX_COLD_SESSIONS + ", was "
                        + coldSessions);
            }
            if (!(coldWritesPerSecond >= MIN_RATE && coldWritesPerSecond <= MAX_RATE)
                    || !(hotWritesPerSecond >= MIN_RATE && hotWritesPerSecond <= MAX_RATE)) {
                throw new IllegalArgumentException("rates must be " + MIN_RATE + ".." + MAX_RATE + " writes/s, were "
                        + coldWritesPerSecond + " and " + hotWritesPerSecond);
            }
        }
    }

    /** What was written; read by the report. */
    static final class Written {
        final AtomicLong writes = new AtomicLong();
        final AtomicLong turns = new AtomicLong();
        final AtomicLong handoffs = new AtomicLong();
        final AtomicLong handoffsWithAgent = new AtomicLong();
        final AtomicLong handoffsEscalated = new AtomicLong();
        final Map<String, AtomicLong> statusChangesTo = new ConcurrentHashMap<>();
        final AtomicLong statusChanges = new AtomicLong();
        final AtomicLong removes = new AtomicLong();
        final AtomicLong hotWrites = new AtomicLong();
        final Map<String, Long> turnsPerSession = new ConcurrentHashMap<>();
        volatile Instant hotStarted;
    }

    static final String HOT_SESSION = "hot-0001";
    private static final String[] USER_LINES = {"My order has not arrived yet.", "Can I change the delivery address?",
        "The app logs me out every time I open it.", "I was charged twice for the same invoice.",
        "How do I export my data?", "Is there a discount for annual plans?"};
    private static final String[] ASSISTANT_LINES = {"Let me look that up for you.", "I can help with that.",
        "Thanks for your patience, checking now.", "Here is what I found in your account.",
        "I have opened a ticket for this.", "Could you confirm the email on the account?"};

    private final DynamoDbClient ddb;
    private final String table;
    private final Settings settings;
    private final Clock clock;
    private final Written written = new Written();

    Workload(DynamoDbClient ddb, String table, Settings settings, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.settings = settings;
        this.clock = clock;
    }

    Written written() {
        return written;
    }

    /** Writes one session's META item, so the readers can show they are live before the load starts. */
    void warmUp() {
        put(meta("warm-up", "active", 0, "cust-0"));
    }

    /** Writes for the configured duration on {@code writers} cold threads plus one hot thread; blocks until done. */
    void run(int writers) throws InterruptedException {
        Instant end = clock.instant().plus(settings.duration());
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            threads.add(new Thread(() -> cold(id, writers, end), "workload-cold-" + w));
        }
        threads.add(new Thread(() -> hot(end), "workload-hot"));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
    }

    private void cold(int writer, int writers, Instant end) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 31 + writer);
        List<ColdSession> sessions = new ArrayList<>();
        for (int s = writer; s < settings.coldSessions(); s += writers) {
            sessions.add(new ColdSession(String.format("s-%04d", s + 1)));
        }
        if (sessions.isEmpty()) {
            return;
        }
        pace(settings.coldWritesPerSecond() / writers, end, i -> sessions.get((int) (i % sessions.size())).step(random));
    }

    private void hot(Instant end) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        written.hotStarted = clock.instant();
        put(meta(HOT_SESSION, "active", 0, null));
        long[] turn = {0};
        pace(settings.hotWritesPerSecond(), end, i -> {
            turn[0]++;
            String text = lorem(random, settings.hotTurnBytes());
            putTurn(HOT_SESSION, turn[0], turn[0] % 2 == 1 ? "user" : "assistant", text, false);
            written.hotWrites.incrementAndGet();
        });
    }

    @FunctionalInterface
    private interface Step {
        void run(long i);
    }

    /** Calls {@code step} at {@code perSecond} until {@code end}, catching up if it falls behind. */
    private void pace(double perSecond, Instant end, Step step) {
        long intervalNanos = (long) (1_000_000_000L / perSecond);
        long start = System.nanoTime();
        for (long i = 0; clock.instant().isBefore(end); i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            step.run(i);
        }
    }

    /** One cold session's script: open, talk, hand off, come back, disconnect; then a new session in its slot. */
    private final class ColdSession {
        private final String slot;
        private int generation;
        private String id;
        private long turns;
        private String status;
        private final List<String> handoffKeys = new ArrayList<>();
        private int disconnectAfter;

        ColdSession(String slot) {
            this.slot = slot;
        }

        void step(SplittableRandom random) {
            if (id == null) {
                id = slot + (generation == 0 ? "" : "-" + generation);
                generation++;
                turns = 0;
                status = "active";
                handoffKeys.clear();
                disconnectAfter = 12 + random.nextInt(30);
                put(meta(id, status, 0, "cust-" + random.nextInt(1000)));
                return;
            }
            if (turns >= disconnectAfter) {
                changeStatus("disconnected");
                for (String sk : handoffKeys) {
                    delete(id, sk);
                }
                id = null;
                return;
            }
            if ("active".equals(status) && turns > 3 && random.nextInt(25) == 0) {
                String sk = "HANDOFF#" + clock.instant() + "#" + turns;
                boolean escalated = random.nextBoolean();
                Map<String, AttributeValue> handoff = new HashMap<>(Map.of("PK", s("SESSION#" + id), "SK", s(sk),
                        "reason", s(escalated ? "escalated" : "requested_human"),
                        "created_at", s(clock.instant().toString())));
                // one handoff in four waits in the queue for any agent: no agent_id yet
                if (random.nextInt(4) != 0) {
                    handoff.put("agent_id", s("agent-" + (1 + random.nextInt(20))));
                    written.handoffsWithAgent.incrementAndGet();
                }
                put(handoff);
                handoffKeys.add(sk);
                written.handoffs.incrementAndGet();
                if (escalated) {
                    written.handoffsEscalated.incrementAndGet();
                }
                changeStatus("handoff");
                return;
            }
            if ("handoff".equals(status) && random.nextInt(4) == 0) {
                changeStatus("active");
                return;
            }
            turns++;
            String role = "handoff".equals(status) ? "agent" : (turns % 2 == 1 ? "user" : "assistant");
            String[] lines = role.equals("user") ? USER_LINES : ASSISTANT_LINES;
            putTurn(id, turns, role, lines[random.nextInt(lines.length)] + " " + lorem(random, 200 + random.nextInt(600)),
                    random.nextInt(5) == 0);
            if (turns % 5 == 0) {
                put(meta(id, status, turns, null));
            }
        }

        private void changeStatus(String next) {
            status = next;
            ddb.updateItem(b -> b.tableName(table)
                    .key(Map.of("PK", s("SESSION#" + id), "SK", s("META")))
                    .updateExpression("SET #s = :s, updated_at = :u, turn_count = :t")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", s(next), ":u", s(clock.instant().toString()),
                            ":t", n(turns))));
            written.writes.incrementAndGet();
            written.statusChanges.incrementAndGet();
            written.statusChangesTo.computeIfAbsent(next, k -> new AtomicLong()).incrementAndGet();
        }
    }

    private Map<String, AttributeValue> meta(String id, String status, long turns, String customer) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("PK", s("SESSION#" + id), "SK", s("META"),
                "status", s(status), "turn_count", n(turns), "updated_at", s(clock.instant().toString())));
        item.put("customer_id", s(customer == null ? "cust-" + Math.abs(id.hashCode() % 1000) : customer));
        return item;
    }

    private void putTurn(String id, long turn, String role, String text, boolean compress) {
        AttributeValue content = compress ? AttributeValue.fromB(SdkBytes.fromByteArray(CompressedText.deflate(text))) : s(text);
        put(Map.of("PK", s("SESSION#" + id), "SK", s(String.format("TURN#%06d", turn)), "turn_number", n(turn),
                "role", s(role), "content", content, "created_at", s(clock.instant().toString())));
        written.turns.incrementAndGet();
        written.turnsPerSession.merge(id, 1L, Long::sum);
    }

    private void put(Map<String, AttributeValue> item) {
        ddb.putItem(b -> b.tableName(table).item(item));
        written.writes.incrementAndGet();
    }

    private void delete(String id, String sk) {
        ddb.deleteItem(b -> b.tableName(table).key(Map.of("PK", s("SESSION#" + id), "SK", s(sk))));
        written.writes.incrementAndGet();
        written.removes.incrementAndGet();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static String lorem(SplittableRandom random, int bytes) {
        String[] words = {"order", "account", "refund", "delivery", "invoice", "password", "plan", "upgrade", "thanks",
            "please", "update", "ticket", "status", "today", "agent", "support", "billing", "address"};
        StringBuilder sb = new StringBuilder(bytes + 16);
        while (sb.length() < bytes) {
            sb.append(words[random.nextInt(words.length)]).append(' ');
        }
        return sb.toString();
    }
}
