package dev.streampipe.router;

import static dev.streampipe.core.topology.Predicates.attributeChangedOrUntellable;
import static dev.streampipe.core.topology.Predicates.eventName;

import dev.streampipe.core.json.JsonText;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.session.SummaryWindow;
import java.util.Map;
import java.util.Optional;

/**
 * The session routes (docs/design.md §3): every record to analytics and audit, whatever its key schema, stream view type
 * or event name (keys reported as the record carries them, plus {@code pk}/{@code sk} when the configured key names
 * are there); then by sort key — {@value #TRIGGER_SUMMARY}: a turn INSERT that closes a summary window triggers the summary
 * function (needs the new image); {@value #PUBLISH_STATUS_CHANGE}: a META MODIFY whose status changed publishes
 * {@code SessionStatusChanged} (needs both images: a META MODIFY without them cannot be told and is rejected by that
 * route); {@value #PAGE_HANDOFF}: a handoff INSERT pages through SNS (needs the new image); there is no default
 * branch, so a summary and anything else only takes the multicast routes. A route that cannot serve a record
 * rejects it for itself only; the topology needs a {@code NEW_AND_OLD_IMAGES} stream to serve every route.
 */
public final class SessionTopology {
    /** Route names (stable: used in logs, metrics and the effect ledger). */
    public static final String ANALYTICS = "analytics";
    public static final String AUDIT = "audit";
    public static final String TRIGGER_SUMMARY = "trigger-summary";
    public static final String PUBLISH_STATUS_CHANGE = "publish-status-change";
    public static final String PAGE_HANDOFF = "page-handoff";
    public static final String SPLIT = "by-item-type";

    /** Sink names. */
    public static final String ANALYTICS_SINK = "analytics";
    public static final String AUDIT_SINK = "audit";
    public static final String SUMMARY_TRIGGER_SINK = "summary-trigger";
    public static final String STATUS_EVENTS_SINK = "status-events";
    public static final String HANDOFFS_SINK = "handoffs";

    /** The EventBridge detail type of a status change (the template's rules select on it). */
    public static final String STATUS_CHANGED = "SessionStatusChanged";

    private SessionTopology() {
    }

    public static Topology create(SessionSchema schema) {
        Predicates p = Predicates.forSchema(schema.keys());
        SessionTopology.Mappers m = new Mappers(schema);
        return Topology.builder()
                .orderedBy(schema.keys().partitionKey())
                .multicast(Route.named(ANALYTICS).to(ANALYTICS_SINK).mapping(m::analytics))
                .multicast(Route.named(AUDIT).to(AUDIT_SINK).mapping(m::audit))
                .split(SPLIT)
                .branch(p.sortKeyPrefix(schema.turnPrefix()).and(eventName(EventName.INSERT)),
                        Route.named(TRIGGER_SUMMARY).to(SUMMARY_TRIGGER_SINK).needsNewImage().mapping(m::summaryTrigger))
                .branch(p.sortKeyEquals(schema.metaKey()).and(attributeChangedOrUntellable("status")),
                        Route.named(PUBLISH_STATUS_CHANGE).to(STATUS_EVENTS_SINK).ledgered().needsNewImage().needsOldImage()
                                .mapping(m::statusChanged))
                .branch(p.sortKeyPrefix(schema.handoffPrefix()).and(eventName(EventName.INSERT)),
                        Route.named(PAGE_HANDOFF).to(HANDOFFS_SINK).ledgered().needsNewImage().mapping(m::handoff))
                .noDefaultBranch()
                .build();
    }

    /** The route mappers; pure functions of the record. */
    private static final class Mappers {
        private final SessionSchema schema;
        private final LastValueCache<java.time.Instant, String> isoTimes = new LastValueCache<>(java.time.Instant::toString);
        private final LastValueCache<String, java.util.Optional<String>> tables = new LastValueCache<>(
                arn -> ChangeRecord.tableNameOf(arn));

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
            String sk = sk(r);
            return Optional.of(Payload.of(JsonText.object()
                    .field("event_id", r.eventId())
                    .field("event_name", r.eventName().name())
                    .field("table", r.eventSourceArn() == null ? null : tables.get(r.eventSourceArn()).orElse(null))
                    .raw("keys", keys(r))
                    .field("pk", schema.keys().partitionKeyOf(r).orElse(null))
                    .field("sk", sk)
                    .field("item_type", schema.itemTypeOf(sk))
                    .field("sequence_number", r.sequenceNumber().value())
                    .field("approximate_creation_time", time(r))
                    .raw("size_bytes", r.sizeBytes() > 0 ? Long.toString(r.sizeBytes()) : "null")
                    .field("ttl_deletion", r.isTtlDeletion())
                    .end()));
        }

        Optional<Payload> audit(ChangeRecord r) {
            return Optional.of(Payload.of(JsonText.object()
                    .field("kind", "change")
                    .field("event_id", r.eventId())
                    .field("event_name", r.eventName().name())
                    .raw("keys", keys(r))
                    .field("pk", schema.keys().partitionKeyOf(r).orElse(null))
                    .field("sk", sk(r))
                    .field("sequence_number", r.sequenceNumber().value())
                    .field("ttl_deletion", r.isTtlDeletion())
                    .field("principal", r.userIdentity() == null ? null : r.userIdentity().principalId())
                    .field("has_old_image", r.oldImage().isPresent())
                    .field("has_new_image", r.newImage().isPresent())
                    .end()));
        }

        /** The record's keys as it carries them, name to text (numbers as their decimal text, binary as base64). */
        private static String keys(ChangeRecord r) {
            JsonText keys = JsonText.object();
            for (String name : new java.util.TreeSet<>(r.keys().attributes().keySet())) {
                keys.field(name, r.keys().keyText(name).orElse(null));
            }
            return keys.end();
        }

        private String time(ChangeRecord r) {
            return r.approximateCreationTime() == null ? null : isoTimes.get(r.approximateCreationTime());
        }

        Optional<Payload> summaryTrigger(ChangeRecord r) {
            Item image = r.newImage().orElseThrow(); // the route needs it: the topology checked
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
            } catch (IllegalArgumentException e) {
                throw new PoisonRecordException("turn_number must be a whole number, was " + number.value(), e);
            }
            if (turn < 1) {
                throw new PoisonRecordException("turn_number must be >= 1, was " + turn);
            }
            Optional<SummaryWindow> closed = SummaryWindow.closedBy(turn, schema.summaryInterval());
            if (closed.isEmpty()) {
                return Optional.empty();
            }
            long window = closed.get().number();
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
                    .field("timestamp", time(r))
                    .field("eventId", r.eventId())
                    .field("sequenceNumber", r.sequenceNumber().value())
                    .end();
            return Optional.of(Payload.of(detail).with(EventBridgeOptions.detailType(STATUS_CHANGED)));
        }

        Optional<Payload> handoff(ChangeRecord r) {
            Item image = r.newImage().orElseThrow(); // the route needs it: the topology checked
            String sessionId = schema.sessionIdOf(pk(r));
            String agent = text(image, "agent_id");
            String reason = text(image, "reason");
            String body = JsonText.object()
                    .field("sessionId", sessionId)
                    .field("agentId", agent)
                    .field("reason", reason)
                    .field("sortKey", sk(r))
                    .field("timestamp", time(r))
                    .field("eventId", r.eventId())
                    .field("sequenceNumber", r.sequenceNumber().value())
                    .end();
            // The template's subscription filter policies select on these message attributes.
            SnsOptions attributes = SnsOptions.attributes(Map.of("event_type", "handoff"));
            if (agent != null && !agent.isEmpty()) {
                attributes = attributes.attribute("agent_id", agent);
            }
            if (reason != null && !reason.isEmpty()) {
                attributes = attributes.attribute("reason", reason);
            }
            return Optional.of(Payload.of(body).with(attributes));
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
