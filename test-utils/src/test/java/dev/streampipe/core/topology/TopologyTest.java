package dev.streampipe.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.testing.StreamEvent;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The public side of a topology: building it, naming routes, describing it. How a record is routed is
 * {@code internal.CompiledTopologyTest}'s.
 */
class TopologyTest {
    private final Predicates p = Predicates.forSchema(KeySchema.DEFAULT);

    private static ChangeRecord record(String eventName, String sk, String oldStatus, String newStatus) {
        StreamEvent.Record r = StreamEvent.of(eventName, "PK", "SESSION#s", "SK", sk).eventId("e1");
        if (oldStatus != null) {
            r.oldImage("status", oldStatus);
        }
        if (newStatus != null) {
            r.newImage("status", newStatus);
        }
        return new StreamEventDecoder().decode(StreamEvent.of(r).getBytes()).records().get(0);
    }

    private static Route to(String name) {
        return Route.named(name).to("sink").mapping(r -> Optional.of(Payload.of(name)));
    }

    private Topology topology() {
        return Topology.builder()
                .multicast(to("all"))
                .split("kind")
                .branch(p.sortKeyPrefix("TURN#"), to("turn"))
                .branch(p.sortKeyPrefix("T"), to("t-anything"))
                .branch(p.sortKeyEquals("META").and(Predicates.attributeChanged("status")), to("status"))
                .defaultBranch(Route.named("other").none())
                .build();
    }

    @Test
    void shouldMatchEventNamePredicate() {
        RecordPredicate inserts = Predicates.eventName(EventName.INSERT);
        assertThat(inserts.test(record("INSERT", "A", null, null))).isTrue();
        assertThat(inserts.test(record("REMOVE", "A", "x", null))).isFalse();
        assertThat(inserts.negate().test(record("REMOVE", "A", "x", null))).isTrue();
    }

    @Test
    void shouldRejectDuplicateRouteNames() {
        assertThatThrownBy(() -> Topology.builder().multicast(to("a")).split("s").branch(r -> true, to("a")))
                .hasMessageContaining("duplicate route or split name 'a'");
    }

    @Test
    void shouldRejectBadNamesWithMessageNamingThem() {
        assertThatThrownBy(() -> Route.named("has space")).hasMessageContaining("'has space'");
        assertThatThrownBy(() -> Route.named("x").mapping(r -> Optional.empty())).hasMessageContaining("names no sink");
    }

    @Test
    void shouldListSinksAndDescribeRoutes() {
        Topology t = topology();
        assertThat(t.sinks()).containsExactly("sink");
        assertThat(t.describe()).containsPattern("multicast all +-> sink").contains("split kind")
                .containsPattern("default other +-> \\(nothing: counted only\\)");
    }

    @Test
    void shouldOfferOnlyTheBuilderAndTheDescriptionWhenUsersLookAtThePublicApi() {
        // GIVEN the public members of a route and a topology
        String[] topologyMethods = Arrays.stream(Topology.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName).sorted().toArray(String[]::new);

        // THEN a route is built one way (Route.named(..)...), and a topology is built and read, never run
        assertThat(Route.class.getConstructors()).isEmpty();
        assertThat(Topology.class.getConstructors()).isEmpty();
        assertThat(topologyMethods).containsExactly("builder", "describe", "requiredViewType", "routes", "sinks");
    }
}
