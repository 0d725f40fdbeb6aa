package dev.streampipe.router;

import static dev.streampipe.core.topology.Predicates.attributeChangedOrUntellable;
import static dev.streampipe.core.topology.Predicates.eventName;

import dev.streampipe.aws.lambda.RuntimeSettings;
import dev.streampipe.core.json.EmfLine;
import dev.streampipe.core.json.JsonText;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.state.AggregateMapper;
import dev.streampipe.core.state.AggregateUpdate;
import dev.streampipe.core.state.Aggregation;
import dev.streampipe.core.state.TimeWindows;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.session.SummaryWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>Two aggregations, kept in the runtime's state store:
 * <ul>
 *   <li>{@value #SESSIONS_BY_STATUS} (table): the META items the table holds, counted per {@code status}, spread
 *   over {@value #STATUS_WRITE_SHARDS} write shards (a handful of statuses, written by nearly every batch). An item
 *   whose {@code status} is absent, empty, not a string or longer than {@value #MAX_GROUP_LENGTH} characters counts
 *   under {@value #UNKNOWN}: every META item counts once, so the groups always add up to the table's META items,
 *   and a malformed status never leaves a change out (a table aggregation that left one out would stay out of step
 *   with the table for good). Each batch's changed counts go to {@value #STATUS_METRICS_SINK} as one EMF line per
 *   status (metric {@value #ACTIVE_SESSIONS}, dimension {@code Status}, in the runtime's metric namespace).</li>
 *   <li>{@value #HANDOFFS_BY_REASON} (windowed): handoff INSERTs per {@code reason} (absent, empty, not a string or
 *   too long: {@value #UNKNOWN}) in tumbling 5-minute windows of the record's creation time, 1 minute of grace;
 *   each window's final counts go once (ledgered) to {@value #HANDOFF_WINDOWS_SINK}, as EventBridge events of
 *   detail type {@value #HANDOFF_WINDOW_CLOSED}. A handoff without {@code ApproximateCreationDateTime} cannot be
 *   placed in a window: it is dead-lettered for this aggregation only; one whose window has closed is late
 *   (counted in {@code BatchResult.state().late()}, not added).</li>
 * </ul>
 * The table aggregation reads the images of every record (it takes the old item out and adds the new one before it
 * can tell a META item), the windowed one a handoff INSERT's new image: on a stream without them, those records are
 * dead-lettered for them too.
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

    /** Aggregation names (stable: the state store's keys, the dead-letter route of a record they cannot read). */
    public static final String SESSIONS_BY_STATUS = "sessions-by-status";
    public static final String HANDOFFS_BY_REASON = "handoffs-by-reason";

    /** Sink names of the aggregations' updates. */
    public static final String STATUS_METRICS_SINK = "status-metrics";
    public static final String HANDOFF_WINDOWS_SINK = "handoff-windows";

    /** The group of an item or handoff whose status or reason is absent, empty, not a string or too long. */
    public static final String UNKNOWN = "UNKNOWN";
    /** The longest status or reason counted as itself (a longer one counts under {@value #UNKNOWN}). */
    public static final int MAX_GROUP_LENGTH = 100;
    /** The EMF metric of {@value #SESSIONS_BY_STATUS}: META items per {@code Status}. */
    public static final String ACTIVE_SESSIONS = "ActiveSessions";
    /** The EventBridge detail type of a handoff window's final count per reason. */
    public static final String HANDOFF_WINDOW_CLOSED = "HandoffWindowClosed";
    /** The write shards of {@value #SESSIONS_BY_STATUS}: few groups, each written by nearly every batch. */
    public static final int STATUS_WRITE_SHARDS = 8;
    /**
     * The write shards of {@value #HANDOFFS_BY_REASON}: a few reasons in the current window, written by every batch
     * with a handoff (at 1,000 lanes of 3 batches a second, one shard takes about 3,100 write units a second).
     */
    public static final int HANDOFF_WRITE_SHARDS = 8;
    /** The windows of {@value #HANDOFFS_BY_REASON}: tumbling 5 minutes, 1 minute of grace. */
    public static final TimeWindows HANDOFF_WINDOWS = TimeWindows.ofSize(Duration.ofMinutes(5))
            .grace(Duration.ofMinutes(1));

    private SessionTopology() {
    }

    /**
     * The session topology, its status metrics in the default metric namespace
     * ({@value RuntimeSettings#DEFAULT_METRIC_NAMESPACE}) stamped by the system clock.
     */
    public static Topology create(SessionSchema schema) {
        return create(schema, RuntimeSettings.DEFAULT_METRIC_NAMESPACE, Clock.systemUTC());
    }

    /** The session topology, its status metrics in {@code metricNamespace}, stamped by {@code clock}. */
    public static Topology create(SessionSchema schema, String metricNamespace, Clock clock) {
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
                .aggregate(Aggregation.table(SESSIONS_BY_STATUS)
                        .where(schema.keys().sortKey() + " = \"" + schema.metaKey() + "\"",
                                item -> isMeta(item, schema))
                        .groupBy("status (" + UNKNOWN + " when absent or not a short string)",
                                item -> groupOf(item, "status"))
                        .count()
                        .writeShards(STATUS_WRITE_SHARDS)
                        .to(STATUS_METRICS_SINK, statusMetric(metricNamespace, clock))
                        .build())
                .aggregate(Aggregation.windowed(HANDOFFS_BY_REASON, HANDOFF_WINDOWS)
                        .where(p.sortKeyPrefix(schema.handoffPrefix()).and(eventName(EventName.INSERT)))
                        .groupBy("reason (" + UNKNOWN + " when absent or not a short string)", SessionTopology::reasonOf)
                        .count()
                        .writeShards(HANDOFF_WRITE_SHARDS)
                        .to(HANDOFF_WINDOWS_SINK, SessionTopology::handoffWindow)
                        .ledgered()
                        .build())
                .build();
    }

    /** Whether an image is a META item: its sort key attribute (images carry the keys) is the META key. */
    private static boolean isMeta(Item item, SessionSchema schema) {
        return item.keyText(schema.keys().sortKey()).map(schema.metaKey()::equals).orElse(false);
    }

    /**
     * A string attribute as a group; {@value #UNKNOWN} when it is absent, empty, of another type or longer than
     * {@value #MAX_GROUP_LENGTH} characters (a group is part of the state store's keys).
     */
    static String groupOf(Item item, String attribute) {
        Optional<AttributeValue> value = item.get(attribute);
        if (value.isPresent() && value.get() instanceof AttributeValue.S s && !s.value().isEmpty()
                && s.value().length() <= MAX_GROUP_LENGTH) {
            return s.value();
        }
        return UNKNOWN;
    }

    /** A handoff INSERT's reason; the filter admits only INSERTs, which carry the new image on this stream. */
    private static String reasonOf(ChangeRecord r) {
        Item image = r.newImage().orElseThrow(() -> new PoisonRecordException("aggregation '" + HANDOFFS_BY_REASON
                + "' groups by the new image's reason and the record has no NewImage (stream view type "
                + r.streamViewType() + ")"));
        return groupOf(image, "reason");
    }

    /**
     * One EMF line per changed status: {@value #ACTIVE_SESSIONS} (the META items now in that status) with the
     * dimension {@code Status}, for a {@code LogSink} to print.
     */
    static AggregateMapper statusMetric(String metricNamespace, Clock clock) {
        Objects.requireNonNull(metricNamespace, "metricNamespace");
        Objects.requireNonNull(clock, "clock");
        List<List<String>> byStatus = List.of(List.of("Status"));
        List<EmfLine.Metric> metric = List.of(new EmfLine.Metric(ACTIVE_SESSIONS, "Count"));
        return update -> Payload.of(EmfLine.of(clock.millis(), metricNamespace, byStatus, metric)
                .field("Status", update.group())
                .field(ACTIVE_SESSIONS, update.value())
                .field("aggregation", update.aggregation())
                .end());
    }

    /** A closed window's final count for one reason, as an EventBridge event of type {@value #HANDOFF_WINDOW_CLOSED}. */
    private static Payload handoffWindow(AggregateUpdate update) {
        return Payload.of(JsonText.object()
                        .field("aggregation", update.aggregation())
                        .field("reason", update.group())
                        .field("windowStart", update.windowStart().map(Object::toString).orElse(null))
                        .field("windowEnd", update.windowEnd().map(Object::toString).orElse(null))
                        .field("count", update.value())
                        .end())
                .with(EventBridgeOptions.detailType(HANDOFF_WINDOW_CLOSED));
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
