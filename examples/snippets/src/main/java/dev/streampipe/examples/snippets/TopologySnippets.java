package dev.streampipe.examples.snippets;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.topology.FifoOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.RecordPredicate;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The snippets of docs/topology.md: splits, predicates, payload options and poison in mappers. */
public final class TopologySnippets {
    private TopologySnippets() {
    }

    /** A split with a default branch on a table keyed {@code tenant} / {@code entity}. */
    public static Topology splitWithDefault() {
        // tag::split-default[]
        Predicates p = Predicates.forSchema(new KeySchema("tenant", "entity"));
        return Topology.builder()
                .orderedBy("tenant")
                .split("by-entity")
                .branch(p.sortKeyPrefix("ORDER#"), Route.named("orders").to("orders").mapping(TopologySnippets::body))
                .branch(p.sortKeyPrefix("INVOICE#").and(Predicates.eventName(EventName.INSERT)),
                        Route.named("new-invoices").to("invoices").mapping(TopologySnippets::body))
                .defaultBranch(Route.named("everything-else").none()) // counted, sent nowhere
                .build();
        // end::split-default[]
    }

    /** Each predicate of the predicates snippet, by variable name. */
    public static Map<String, RecordPredicate> predicates() {
        // tag::predicates[]
        Predicates p = Predicates.forSchema(KeySchema.DEFAULT);
        RecordPredicate stock = p.sortKeyEquals("STOCK");
        RecordPredicate move = p.sortKeyPrefix("MOVE#");
        RecordPredicate inserted = Predicates.eventName(EventName.INSERT);
        RecordPredicate written = Predicates.eventName(EventName.INSERT, EventName.MODIFY);
        RecordPredicate levelChanged = Predicates.attributeChanged("on_hand");
        RecordPredicate levelChangedOrUntellable = Predicates.attributeChangedOrUntellable("on_hand");
        RecordPredicate large = RecordPredicate.named("quantity > 100", r -> r.newImage()
                .flatMap(i -> i.number("quantity")).map(n -> n.longValue() > 100).orElse(false));
        RecordPredicate largeMove = move.and(inserted).and(large);
        RecordPredicate notStock = stock.negate();
        RecordPredicate stockOrMove = stock.or(move);
        // end::predicates[]
        Map<String, RecordPredicate> all = new LinkedHashMap<>();
        all.put("stock", stock);
        all.put("move", move);
        all.put("inserted", inserted);
        all.put("written", written);
        all.put("levelChanged", levelChanged);
        all.put("levelChangedOrUntellable", levelChangedOrUntellable);
        all.put("large", large);
        all.put("largeMove", largeMove);
        all.put("notStock", notStock);
        all.put("stockOrMove", stockOrMove);
        return all;
    }

    /** The payloads of the options snippet, by variable name. */
    public static Map<String, Payload> payloads(ChangeRecord record) {
        String body = "{\"sku\":\"SKU#42\"}";
        // tag::options[]
        Payload toSns = Payload.of(body)
                .with(SnsOptions.attributes(Map.of("event_type", "reorder")).subject("Reorder SKU#42"));
        Payload toFifo = Payload.of(body)
                .with(FifoOptions.group("SKU#42").deduplicationId(record.eventId()));
        Payload toEventBridge = Payload.of(body)
                .with(EventBridgeOptions.detailType("StockMoved").source("acme.inventory"));
        Payload oncePerBatch = Payload.of(body).withGroupKey("SKU#42");
        // end::options[]
        Map<String, Payload> all = new LinkedHashMap<>();
        all.put("toSns", toSns);
        all.put("toFifo", toFifo);
        all.put("toEventBridge", toEventBridge);
        all.put("oncePerBatch", oncePerBatch);
        return all;
    }

    // tag::poison[]
    static Optional<Payload> shipment(ChangeRecord r) {
        Item item = r.newImage().orElseThrow(); // the route needsNewImage(): a record without one never gets here
        String carrier = item.string("carrier") // not an S: InvalidAttributeException, poison for this route
                .orElseThrow(() -> new PoisonRecordException("shipment has no 'carrier'"));
        if (!carrier.matches("[A-Z]{2,8}")) {
            throw new PoisonRecordException("carrier must be 2..8 capital letters, was '" + carrier + "'");
        }
        return Optional.of(Payload.json(new Shipment(carrier))); // written as {"carrier":"UPS"}
    }

    record Shipment(String carrier) {
    }
    // end::poison[]

    /** Two filtered routes whose conditions can both hold, and a split beside them. */
    public static Topology filters() {
        Predicates p = Predicates.forSchema(new KeySchema("sku", "warehouse"));
        RecordPredicate lowStock = RecordPredicate.named("quantity < 10", r -> r.newImage()
                .flatMap(i -> i.number("quantity")).map(n -> n.longValue() < 10).orElse(false));
        RecordPredicate removed = Predicates.eventName(EventName.REMOVE);
        // tag::filters[]
        return Topology.builder()
                .multicast(Route.named("analytics").to("analytics").mapping(TopologySnippets::body))
                .filter(lowStock).to(Route.named("low-stock").to("pages").mapping(TopologySnippets::body))
                .filter(removed.or(lowStock)).to(Route.named("audit").to("audit").mapping(TopologySnippets::body))
                .split("by-warehouse")
                .branch(p.sortKeyPrefix("EU-"), Route.named("eu").to("eu").mapping(TopologySnippets::body))
                .noDefaultBranch()
                .build();
        // end::filters[]
    }

    /** A topology whose one route maps with {@link #shipment}. */
    public static Topology shipments() {
        return Topology.builder()
                .multicast(Route.named("shipments").to("shipments").needsNewImage()
                        .mapping(TopologySnippets::shipment))
                .build();
    }

    private static Optional<Payload> body(ChangeRecord r) {
        return Optional.of(Payload.json(Map.of("eventId", r.eventId())));
    }
}
