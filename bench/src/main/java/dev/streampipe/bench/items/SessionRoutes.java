package dev.streampipe.bench.items;

import static dev.streampipe.core.topology.Predicates.eventName;

import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.RecordPredicate;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.core.topology.internal.Routed;
import dev.streampipe.items.Field;
import dev.streampipe.items.ItemType;
import dev.streampipe.items.TypedChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One logical topology over the session table, built twice: {@link #untyped()} reads images through
 * {@link Item#string}/{@link Item#number}, {@link #typed()} through {@link SessionItem} ({@link ItemType},
 * {@link Field} predicates, {@link ItemType#mapper}). Both send the same records as JSON ({@link Payload#json}), so
 * their bodies are equal for any event ({@link #sent}). Routes: every record to {@code analytics} (reading the new
 * image, or the old one of a REMOVE); a filter on a status change (both images) and one on a status becoming
 * {@code handoff}; a split taking assistant turn INSERTs to {@code turn-usage} and handoff INSERTs to
 * {@code handoffs}. The key predicates are the core's {@link Predicates} in both: they read keys, not images.
 */
public final class SessionRoutes {
    /** The session table's items, one mapping per record image however many routes read it. */
    public static final ItemType<SessionItem> SESSION = ItemType.of(TableSchema.fromBean(SessionItem.class));
    static final Field<SessionItem, String> STATUS = SESSION.field("status", SessionItem::getStatus);
    static final Field<SessionItem, String> ROLE = SESSION.field("role", SessionItem::getRole);

    private static final Predicates KEYS = Predicates.forSchema(KeySchema.DEFAULT);
    private static final String HANDOFF = "handoff";
    private static final String ASSISTANT = "assistant";

    /** What {@code analytics} sends for every record. */
    public record Analytics(String eventId, String eventName, String pk, String sk, String status, String channel,
                            Boolean vip) {
    }

    /** What {@code status-events} sends for a status change. */
    public record StatusChanged(String pk, String oldStatus, String newStatus, String customerId, String updatedAt) {
    }

    /** What {@code handoff-alerts} sends when a session's status becomes {@code handoff}. */
    public record HandoffAlert(String pk, String customerId, String channel, Boolean vip, Integer turnCount) {
    }

    /** What {@code turn-usage} sends for an assistant turn. */
    public record TurnUsage(String pk, Long turnNumber, String model, Integer tokens) {
    }

    /** What {@code handoffs} sends for a handoff item. */
    public record Handoff(String pk, String agentId, String reason, Integer priority, String queue) {
    }

    private SessionRoutes() {
    }

    /** The topology reading images attribute by attribute. */
    public static Topology untyped() {
        return Topology.builder()
                .multicast(Route.named("analytics").to("analytics").mapping(r -> {
                    Item i = r.newImage().or(r::oldImage).orElse(Item.EMPTY);
                    return Optional.of(Payload.json(new Analytics(r.eventId(), r.eventName().name(), text(i, "PK"),
                            text(i, "SK"), text(i, "status"), text(i, "channel"), bool(i, "vip"))));
                }))
                .filter(Predicates.attributeChanged("status"))
                .to(Route.named("status-events").to("status-events").needsNewImage().needsOldImage().mapping(r -> {
                    Item before = r.oldImage().orElseThrow();
                    Item after = r.newImage().orElseThrow();
                    return Optional.of(Payload.json(new StatusChanged(text(after, "PK"), text(before, "status"),
                            text(after, "status"), text(after, "customer_id"), text(after, "updated_at"))));
                }))
                .filter(RecordPredicate.named("status becomes \"handoff\"",
                        r -> HANDOFF.equals(newText(r, "status")) && !HANDOFF.equals(oldText(r, "status"))))
                .to(Route.named("handoff-alerts").to("handoff-alerts").needsNewImage().mapping(r -> {
                    Item after = r.newImage().orElseThrow();
                    return Optional.of(Payload.json(new HandoffAlert(text(after, "PK"), text(after, "customer_id"),
                            text(after, "channel"), bool(after, "vip"), integer(after, "turn_count"))));
                }))
                .split("by-kind")
                .branch(KEYS.sortKeyPrefix("TURN#").and(eventName(EventName.INSERT))
                                .and(RecordPredicate.named("role is \"assistant\"",
                                        r -> ASSISTANT.equals(newText(r, "role")))),
                        Route.named("turn-usage").to("turn-usage").needsNewImage().mapping(r -> {
                            Item i = r.newImage().orElseThrow();
                            return Optional.of(Payload.json(new TurnUsage(text(i, "PK"),
                                    i.number("turn_number").map(AttributeValue.N::longValue).orElse(null),
                                    text(i, "model"), integer(i, "tokens"))));
                        }))
                .branch(KEYS.sortKeyPrefix("HANDOFF#").and(eventName(EventName.INSERT)),
                        Route.named("handoffs").to("handoffs").needsNewImage().mapping(r -> {
                            Item i = r.newImage().orElseThrow();
                            return Optional.of(Payload.json(new Handoff(text(i, "PK"), text(i, "agent_id"),
                                    text(i, "reason"), integer(i, "priority"), text(i, "queue"))));
                        }))
                .noDefaultBranch()
                .build();
    }

    /** The same topology over {@link SessionItem}. */
    public static Topology typed() {
        return Topology.builder()
                .multicast(Route.named("analytics").to("analytics").mapping(SESSION.mapper(c -> {
                    SessionItem i = c.newItem().or(c::oldItem).orElseGet(SessionItem::new);
                    return new Analytics(c.record().eventId(), c.eventName().name(), i.getPk(), i.getSk(),
                            i.getStatus(), i.getChannel(), i.getVip());
                })))
                .filter(STATUS.changed())
                .to(Route.named("status-events").to("status-events").needsNewImage().needsOldImage()
                        .mapping(SESSION.mapper(c -> {
                            SessionItem after = c.requireNewItem();
                            return new StatusChanged(after.getPk(), c.requireOldItem().getStatus(), after.getStatus(),
                                    after.getCustomerId(), after.getUpdatedAt());
                        })))
                .filter(STATUS.becomes(HANDOFF))
                .to(Route.named("handoff-alerts").to("handoff-alerts").needsNewImage().mapping(SESSION.mapper(c -> {
                    SessionItem after = c.requireNewItem();
                    return new HandoffAlert(after.getPk(), after.getCustomerId(), after.getChannel(), after.getVip(),
                            after.getTurnCount());
                })))
                .split("by-kind")
                .branch(KEYS.sortKeyPrefix("TURN#").and(eventName(EventName.INSERT)).and(ROLE.is(ASSISTANT)),
                        Route.named("turn-usage").to("turn-usage").needsNewImage().mapping(SESSION.mapper(c -> {
                            SessionItem i = c.requireNewItem();
                            return new TurnUsage(i.getPk(), i.getTurnNumber(), i.getModel(), i.getTokens());
                        })))
                .branch(KEYS.sortKeyPrefix("HANDOFF#").and(eventName(EventName.INSERT)),
                        Route.named("handoffs").to("handoffs").needsNewImage().mapping(SESSION.mapper(
                                (TypedChange<SessionItem> c) -> {
                                    SessionItem i = c.requireNewItem();
                                    return new Handoff(i.getPk(), i.getAgentId(), i.getReason(), i.getPriority(),
                                            i.getQueue());
                                })))
                .noDefaultBranch()
                .build();
    }

    /**
     * What {@code topology} does with each record, in order: one line per route taken, {@code route body} or
     * {@code route REJECTED reason} (or {@code route (nothing)}).
     */
    public static List<String> sent(Topology topology, List<ChangeRecord> records) {
        CompiledTopology compiled = CompiledTopology.of(topology);
        List<String> out = new ArrayList<>();
        for (ChangeRecord r : records) {
            for (Routed routed : compiled.route(r)) {
                String name = routed.route().name();
                out.add(routed.rejected() ? name + " REJECTED " + routed.rejectionOrNull()
                        : name + " " + routed.payload().map(Payload::body).orElse("(nothing)"));
            }
        }
        return out;
    }

    private static String text(Item image, String name) {
        return image.string(name).orElse(null);
    }

    private static String newText(ChangeRecord r, String name) {
        return r.newImage().flatMap(i -> i.string(name)).orElse(null);
    }

    private static String oldText(ChangeRecord r, String name) {
        return r.oldImage().flatMap(i -> i.string(name)).orElse(null);
    }

    private static Integer integer(Item image, String name) {
        return image.number(name).map(n -> Math.toIntExact(n.longValue())).orElse(null);
    }

    private static Boolean bool(Item image, String name) {
        return image.get(name).map(v -> {
            if (v instanceof AttributeValue.Bool b) {
                return b.value();
            }
            throw new InvalidAttributeException("attribute '" + name + "' must be BOOL, was " + v.type());
        }).orElse(null);
    }
}
