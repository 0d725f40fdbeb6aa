package dev.streampipe.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
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
    private static ChangeRecord record(String eventName, String sk, String oldStatus, String newStatus) {
        return SampleTopology.record(eventName, sk, oldStatus, newStatus);
    }

    private static Route to(String name) {
        return SampleTopology.to(name);
    }

    private Topology topology() {
        return SampleTopology.create();
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
        assertThat(topologyMethods).containsExactly("aggregations", "builder", "defaultObjectMapper", "describe",
                "requiredViewType", "routes", "sinks", "stores");
    }
}
