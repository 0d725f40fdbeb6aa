package dev.streampipe.router;

import static dev.streampipe.core.topology.Predicates.attributeChanged;
import static dev.streampipe.core.topology.Predicates.eventName;

import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The session routes (DESIGN §3): every record to analytics and audit; then by sort key — a turn that closes a
 * summary window triggers the summary function, a META status change publishes {@code SessionStatusChanged}, a
 * handoff pages through SNS, a summary and anything else only takes the multicast routes.
 */
public final class SessionTopology {
    /** Route names (stable: used in logs, metrics and the effect ledger). */
    public static final String ANALYTICS = "analytics";
    public static final String AUDIT = "audit";
    public static final String TURN = "turn";
    public static final String META_STATUS = "meta-status";
    public static final String HANDOFF = "handoff";
    public static final String SUMMARY = "summary";
    public static final String OTHER = "other";
    public static final String SPLIT = "by-item-type";

    /** Sink names. */
    public static final String ANALYTICS_SINK = "analytics";
    public static final String AUDIT_SINK = "audit";
    public static final String SUMMARY_TRIGGER_SINK = "summary-trigger";
    public static final String STATUS_EVENTS_SINK = "status-events";
    public static final String HANDOFFS_SINK = "handoffs";

    public static final String DETAIL_TYPE = "detailType";
    public static final String STATUS_CHANGED = "SessionStatusChanged";

    private SessionTopology() {
    }

    public static Topology create(SessionSchema schema) {
        Predicates p = Predicates.forSchema(schema.keys());
        SessionTopology.Mappers m = new Mappers(schema);
        return Topology.builder()
                .multicast(Route.named(ANALYTICS).to(ANALYTICS_SINK).mapping(m::analytics))
                .multicast(Route.named(AUDIT).to(AUDIT_SINK).mapping(m::audit))
                .split(SPLIT)
                .branch(p.sortKeyPrefix(schema.turnPrefix()).and(eventName(EventName.INSERT)),
                        Route.named(TURN).to(SUMMARY_TRIGGER_SINK).mapping(m::summaryTrigger))
                .branch(p.sortKeyEquals(schema.metaKey()).and(attributeChanged("status")),
                        Route.named(META_STATUS).to(STATUS_EVENTS_SINK).ledgered().mapping(m::statusChanged))
                .branch(p.sortKeyPrefix(schema.handoffPrefix()).and(eventName(EventName.INSERT)),
                        Route.named(HANDOFF).to(HANDOFFS_SINK).ledgered().mapping(m::handoff))
                .branch(p.sortKeyPrefix(schema.summaryPrefix()), Route.named(SUMMARY).none())
                .defaultBranch(Route.named(OTHER).none())
                .build();
    }

    /** The route mappers; pure functions of the record. */
    private static final class Mappers {
        private final SessionSchema schema;

        Mappers(SessionSchema schema) {
            this.schema = schema;
        }

        private String pk(ChangeRecord r) {
            return schema.keys().partitionKeyOf(r).orElseThrow(() -> new PoisonRecordException(
                    "record has no partition key attribute '" + schema.keys().partitionKey() + "'"));
        }

        private String sk(ChangeRecord r) {
            return schema.keys().sortKeyOf(r).orElse(null);
        }

        Optional<Payload> analytics(ChangeRecord r) {
            String pk = pk(r);
            String sk = sk(r);
            return Optional.of(Payload.of(JsonText.object()
                    .field("event_id", r.eventId())
                    .field("event_name", r.eventName().name())
                    .field("table", r.tableName().orElse(null))
                    .field("pk", pk)
                    .field("sk", sk)
                    .field("item_type", schema.itemTypeOf(sk))
                    .field("sequence_number", r.sequenceNumber().value())
                    .field("approximate_creation_time", r.approximateCreationTime().toString())
                    .field("size_bytes", r.sizeBytes())
                    .field("ttl_deletion", r.isTtlDeletion())
                    .end()));
        }

        Optional<Payload> audit(ChangeRecord r) {
            String pk = pk(r);
            String sk = sk(r);
            return Optional.of(Payload.of(JsonText.object()
                    .field("kind", "change")
                    .field("event_id", r.eventId())
                    .field("event_name", r.eventName().name())
                    .field("pk", pk)
                    .field("sk", sk)
                    .field("sequence_number", r.sequenceNumber().value())
                    .field("ttl_deletion", r.isTtlDeletion())
                    .field("principal", r.userIdentity() == null ? null : r.userIdentity().principalId())
                    .field("has_old_image", r.oldImage().isPresent())
                    .field("has_new_image", r.newImage().isPresent())
                    .end()));
        }

        Optional<Payload> summaryTrigger(ChangeRecord r) {
            Item image = r.newImage().orElseThrow(() -> new PoisonRecordException(
                    "turn INSERT carries no new image (stream view type " + r.streamViewType() + ")"));
            AttributeValue.N number;
            try {
                number = image.number("turn_number").orElseThrow(() ->
                        new PoisonRecordException("turn item has no 'turn_number'"));
            } catch (IllegalArgumentException e) {
                throw new PoisonRecordException(e.getMessage(), e);
            }
            long turn;
            try {
                turn = number.longValue();
            } catch (ArithmeticException e) {
                throw new PoisonRecordException("turn_number must be a whole number, was " + number.value(), e);
            }
            if (turn < 1) {
                throw new PoisonRecordException("turn_number must be >= 1, was " + turn);
            }
            if (turn % schema.summaryInterval() != 0) {
                return Optional.empty();
            }
            long window = turn / schema.summaryInterval();
            String sessionId = schema.sessionIdOf(pk(r));
            String body = JsonText.object()
                    .field("sessionId", sessionId)
                    .field("window", window)
                    .field("eventId", r.eventId())
                    .field("sequenceNumber", r.sequenceNumber().value())
                    .end();
            return Optional.of(Payload.of(body).withGroupKey(sessionId + "#" + window));
        }

        Optional<Payload> statusChanged(ChangeRecord r) {
            Item before = r.oldImage().orElseThrow();
            Item after = r.newImage().orElseThrow();
            String sessionId = schema.sessionIdOf(pk(r));
            String oldStatus = text(before, "status");
            String newStatus = text(after, "status");
            String customer = text(after, "customer_id");
            String detail = JsonText.object()
                    .field("sessionId", sessionId)
                    .field("oldStatus", oldStatus)
                    .field("newStatus", newStatus)
                    .field("customerId", customer)
                    .field("timestamp", r.approximateCreationTime().toString())
                    .field("eventId", r.eventId())
                    .field("sequenceNumber", r.sequenceNumber().value())
                    .end();
            return Optional.of(Payload.of(detail, Map.of(DETAIL_TYPE, STATUS_CHANGED)));
        }

        Optional<Payload> handoff(ChangeRecord r) {
            Item image = r.newImage().orElseThrow(() -> new PoisonRecordException(
                    "handoff INSERT carries no new image (stream view type " + r.streamViewType() + ")"));
            String sessionId = schema.sessionIdOf(pk(r));
            String agent = text(image, "agent_id");
            String reason = text(image, "reason");
            String body = JsonText.object()
                    .field("sessionId", sessionId)
                    .field("agentId", agent)
                    .field("reason", reason)
                    .field("sortKey", sk(r))
                    .field("timestamp", r.approximateCreationTime().toString())
                    .field("eventId", r.eventId())
                    .field("sequenceNumber", r.sequenceNumber().value())
                    .end();
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("event_type", "handoff");
            if (agent != null && !agent.isEmpty()) {
                attributes.put("agent_id", agent);
            }
            if (reason != null && !reason.isEmpty()) {
                attributes.put("reason", reason);
            }
            return Optional.of(Payload.of(body, attributes));
        }

        /** A string attribute, or null when absent; a value of another type is a poison record. */
        private static String text(Item item, String name) {
            try {
                return item.string(name).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new PoisonRecordException(e.getMessage(), e);
            }
        }
    }
}
