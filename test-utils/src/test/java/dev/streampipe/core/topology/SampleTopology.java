package dev.streampipe.core.topology;

import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.testing.StreamEvent;
import java.util.Optional;

/**
 * The topology and records the topology tests share (its public side in {@code TopologyTest}, its routing in
 * {@code internal.CompiledTopologyTest}): a multicast route, then a split by sort key and status change.
 */
public final class SampleTopology {
    private static final Predicates P = Predicates.forSchema(KeySchema.DEFAULT);

    private SampleTopology() {
    }

    /** {@code all} for every record; then {@code turn}, {@code t-anything}, {@code status}, or {@code other}. */
    public static Topology create() {
        return Topology.builder()
                .multicast(to("all"))
                .split("kind")
                .branch(P.sortKeyPrefix("TURN#"), to("turn"))
                .branch(P.sortKeyPrefix("T"), to("t-anything"))
                .branch(P.sortKeyEquals("META").and(Predicates.attributeChanged("status")), to("status"))
                .defaultBranch(Route.named("other").none())
                .build();
    }

    /** A route to {@code sink} whose payload is its own name. */
    public static Route to(String name) {
        return Route.named(name).to("sink").mapping(r -> Optional.of(Payload.of(name)));
    }

    /** A decoded record of session {@code s} with sort key {@code sk}, and a status in each image given. */
    public static ChangeRecord record(String eventName, String sk, String oldStatus, String newStatus) {
        StreamEvent.Record r = StreamEvent.of(eventName, "PK", "SESSION#s", "SK", sk).eventId("e1");
        if (oldStatus != null) {
            r.oldImage("status", oldStatus);
        }
        if (newStatus != null) {
            r.newImage("status", newStatus);
        }
        return new StreamEventDecoder().decode(StreamEvent.of(r).getBytes()).records().get(0);
    }
}
