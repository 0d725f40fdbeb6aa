package dev.streampipe.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.topology.FifoOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.InMemoryDeadLetterSink;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.InMemorySink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A topology that looks at everything a change record carries, so two ways of decoding the same event show any
 * difference in what reaches the sinks: every record's envelope (event, sequence, creation time, size, view type,
 * table, region, user identity, keys) to {@code records}, both images in full to {@code images} (a value breaking
 * DynamoDB's rules dead-letters the record for that route), and a split on the sort key: turns to {@code turns}
 * (grouped per closed window, FIFO group per session), status changes to {@code events} (ledgered, EventBridge
 * options), handoffs to {@code pages} (SNS attributes), everything else counted by {@code other}. Ordered by
 * {@code PK}.
 */
final class ProbeTopology {
    static final List<String> SINKS = List.of("records", "images", "turns", "events", "pages");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProbeTopology() {
    }

    static Topology create() {
        Predicates keys = Predicates.forSchema(KeySchema.DEFAULT);
        return Topology.builder()
                .orderedBy("PK")
                .multicast(Route.named("record").to("records").mapping(r -> Optional.of(Payload.of(envelope(r)))))
                .multicast(Route.named("images").to("images").mapping(ProbeTopology::images))
                .split("kind")
                .branch(keys.sortKeyPrefix("TURN#"), Route.named("turn").to("turns").needsNewImage()
                        .mapping(ProbeTopology::turn))
                .branch(keys.sortKeyPrefix("META"), Route.named("status").to("events").ledgered().needsNewImage()
                        .needsOldImage().mapping(ProbeTopology::status))
                .branch(keys.sortKeyPrefix("HANDOFF#"), Route.named("handoff").to("pages").needsNewImage()
                        .mapping(ProbeTopology::handoff))
                .defaultBranch(Route.named("other").none())
                .build();
    }

    private static String envelope(ChangeRecord r) {
        ObjectNode o = NODES.objectNode();
        o.put("eventId", r.eventId());
        o.put("eventName", r.eventName().name());
        o.put("sequence", r.sequenceNumber().value());
        o.put("created", r.creationTime().map(Instant::toString).orElse(null));
        o.put("size", r.sizeBytes());
        o.put("viewType", r.viewType().map(Enum::name).orElse(null));
        o.put("table", r.tableName().orElse(null));
        o.put("region", r.awsRegion());
        o.put("arn", r.eventSourceArn());
        o.put("ttl", r.isTtlDeletion());
        if (r.userIdentity() != null) {
            o.putObject("identity").put("type", r.userIdentity().type())
                    .put("principal", r.userIdentity().principalId());
        }
        o.set("keys", item(r.keys()));
        return o.toString();
    }

    private static Optional<Payload> images(ChangeRecord r) {
        ObjectNode o = NODES.objectNode();
        o.set("new", r.newImage().map(ProbeTopology::item).orElse(null));
        o.set("old", r.oldImage().map(ProbeTopology::item).orElse(null));
        return Optional.of(Payload.of(o.toString()).with(SnsOptions.attributes(Map.of("event_name",
                r.eventName().name()))));
    }

    private static Optional<Payload> turn(ChangeRecord r) {
        Item image = r.newImage().orElseThrow();
        long turn = image.number("turn_number").orElseThrow(() -> new PoisonRecordException("no turn_number"))
                .longValue();
        String session = image.string("PK").orElseThrow(() -> new PoisonRecordException("no PK"));
        if (turn % 10 != 0) {
            return Optional.empty();
        }
        ObjectNode o = NODES.objectNode().put("session", session).put("window", turn / 10)
                .put("role", image.string("role").orElse(null));
        return Optional.of(Payload.of(o.toString()).with(FifoOptions.group(session))
                .withGroupKey(session + "#" + turn / 10));
    }

    private static Optional<Payload> status(ChangeRecord r) {
        Optional<String> before = r.oldImage().orElseThrow().string("status");
        Optional<String> after = r.newImage().orElseThrow().string("status");
        if (before.equals(after)) {
            return Optional.empty();
        }
        ObjectNode o = NODES.objectNode().put("from", before.orElse(null)).put("to", after.orElse(null))
                .put("at", r.creationTime().map(Instant::toString).orElse(null));
        return Optional.of(Payload.of(o.toString()).with(EventBridgeOptions.detailType("StatusChanged")
                .source("probe")));
    }

    private static Optional<Payload> handoff(ChangeRecord r) {
        String agent = r.newImage().orElseThrow().string("agent_id")
                .orElseThrow(() -> new PoisonRecordException("handoff without agent_id"));
        return Optional.of(Payload.of(NODES.objectNode().put("agent", agent).toString())
                .with(SnsOptions.attributes(Map.of("agent_id", agent)).subject("Handoff")));
    }

    /** Every attribute, names sorted, in DynamoDB's JSON (binary as base64). */
    static JsonNode item(Item item) {
        ObjectNode o = NODES.objectNode();
        new TreeMap<>(item.attributes()).forEach((name, value) -> o.set(name, value(value)));
        return o;
    }

    private static JsonNode value(AttributeValue v) {
        ObjectNode o = NODES.objectNode();
        if (v instanceof AttributeValue.S s) {
            o.put("S", s.value());
        } else if (v instanceof AttributeValue.N n) {
            o.put("N", n.value());
        } else if (v instanceof AttributeValue.B b) {
            o.put("B", b.value().toBase64());
        } else if (v instanceof AttributeValue.Bool b) {
            o.put("BOOL", b.value());
        } else if (v instanceof AttributeValue.Null) {
            o.put("NULL", true);
        } else if (v instanceof AttributeValue.L l) {
            ArrayNode a = o.putArray("L");
            l.values().forEach(e -> a.add(value(e)));
        } else if (v instanceof AttributeValue.M m) {
            ObjectNode inner = o.putObject("M");
            new TreeMap<>(m.values()).forEach((name, e) -> inner.set(name, value(e)));
        } else if (v instanceof AttributeValue.SS ss) {
            ss.values().forEach(o.putArray("SS")::add);
        } else if (v instanceof AttributeValue.NS ns) {
            ns.values().forEach(o.putArray("NS")::add);
        } else if (v instanceof AttributeValue.BS bs) {
            ArrayNode a = o.putArray("BS");
            bs.values().forEach(b -> a.add(b.toBase64()));
        } else {
            throw new AssertionError("unexpected attribute value " + v);
        }
        return o;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /**
     * One runtime on the probe topology with in-memory sinks, dead letters and ledger, sinks flushing on the
     * caller's thread, a fixed clock and the log kept in memory: two built alike log the same lines for the same
     * batch.
     */
    static final class Rig {
        static final Instant NOW = Instant.parse("2026-11-20T14:05:00Z");
        final Map<String, InMemorySink> sinks = new LinkedHashMap<>();
        final InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
        final InMemoryEffectLedger ledger = new InMemoryEffectLedger();
        final List<String> log = new ArrayList<>();
        final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        final StreamRuntime runtime;

        Rig() {
            for (String name : SINKS) {
                sinks.put(name, new InMemorySink(name));
            }
            runtime = StreamRuntime.builder(create()).sinks(sinks).deadLetters(deadLetters).ledger(ledger)
                    .executor(Runnable::run).clock(clock).log(log::add).build();
        }

        /** A Lambda context of five minutes on the rig's clock. */
        InvocationContext context() {
            return new InvocationContext("probe", Duration.ofMinutes(5), clock, log::add);
        }

        /** The lines logged by invocations (the topology line logged when the runtime was built left out). */
        List<String> invocationLog() {
            return log.subList(1, log.size());
        }
    }
}
