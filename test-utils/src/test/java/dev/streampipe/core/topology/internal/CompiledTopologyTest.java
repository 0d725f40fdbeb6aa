package dev.streampipe.core.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.SampleTopology;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.StreamEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the engine routes a record through a topology: {@link CompiledTopology#route} and its parts. */
class CompiledTopologyTest {
    private static ChangeRecord record(String eventName, String sk, String oldStatus, String newStatus) {
        return SampleTopology.record(eventName, sk, oldStatus, newStatus);
    }

    private static Route to(String name) {
        return SampleTopology.to(name);
    }

    private CompiledTopology topology() {
        return CompiledTopology.of(SampleTopology.create());
    }

    private static List<String> routes(CompiledTopology t, ChangeRecord r) {
        return t.route(r).stream().map(x -> x.route().name()).toList();
    }

    @Test
    void shouldTakeFirstMatchingBranchWhenSeveralMatch() {
        assertThat(routes(topology(), record("INSERT", "TURN#000001", null, "x"))).containsExactly("all", "turn");
        assertThat(routes(topology(), record("INSERT", "TOPIC", null, "x"))).containsExactly("all", "t-anything");
    }

    @Test
    void shouldTakeDefaultBranchWhenNothingMatches() {
        List<Routed> routed = topology().route(record("INSERT", "HANDOFF#1", null, "x"));
        assertThat(routed).extracting(x -> x.route().name()).containsExactly("all", "other");
        assertThat(routed.get(1).payload()).isEmpty();
    }

    @Test
    void shouldMatchAttributeChangedOnlyWhenOldAndNewDiffer() {
        assertThat(routes(topology(), record("MODIFY", "META", "active", "handoff"))).contains("status");
        assertThat(routes(topology(), record("MODIFY", "META", "active", "active"))).contains("other");
        assertThat(routes(topology(), record("INSERT", "META", null, "active"))).contains("other");
        assertThat(routes(topology(), record("MODIFY", "META", null, "active"))).contains("other");
    }

    @Test
    void shouldRejectTheRecordForTheSplitOnlyWhenABranchPredicateCannotReadItsAttribute() {
        // GIVEN a META MODIFY whose old status is a number beyond DynamoDB's rules (the predicate reads it)
        String event = StreamEvent.of(StreamEvent.of("MODIFY", "PK", "SESSION#s", "SK", "META").eventId("e1")
                .oldImage("status", "OLD-STATUS").newImage("status", "active"))
                .replace("{\"S\":\"OLD-STATUS\"}", "{\"N\":\"1e9999999999\"}");
        ChangeRecord r = new StreamEventDecoder().decode(event.getBytes()).records().get(0);

        // WHEN it is routed
        List<Routed> routed = topology().route(r);

        // THEN the multicast route maps it; the split takes it to no branch and rejects it under its own name
        assertThat(routed).extracting(x -> x.route().name()).containsExactly("all", "kind");
        assertThat(routed.get(0).rejected()).isFalse();
        assertThat(routed.get(1).rejected()).isTrue();
        assertThat(routed.get(1).rejectionOrNull()).startsWith("split 'kind' cannot test the record: ")
                .contains("dynamodb.OldImage.status.N").contains("1e9999999999");
    }

    @Test
    void shouldRejectUnderTheSplitsNameWhenABranchPredicateHasABug() {
        // GIVEN a split whose predicate throws something that is not about the data (a bug in user code)
        CompiledTopology t = CompiledTopology.of(Topology.builder().split("buggy").branch(x -> {
            throw new IllegalStateException("bug");
        }, to("never")).noDefaultBranch().build());

        // WHEN the record is routed
        List<Routed> routed = t.route(record("INSERT", "A", null, null));

        // THEN the split takes it to no branch and rejects it, naming the exception and where it was thrown
        assertThat(routed).extracting(x -> x.route().name()).containsExactly("buggy");
        assertThat(routed.get(0).rejectionOrNull()).startsWith("split 'buggy' cannot test the record: "
                + "java.lang.IllegalStateException: bug (at ").contains("CompiledTopologyTest");
    }

    @Test
    void shouldGiveTheFormMadeAtBuildTimeWhenTheEngineAsksForATopologysCompiledForm() {
        // GIVEN a built topology
        Topology t = Topology.builder().multicast(to("all")).build();

        // WHEN the engine asks for its compiled form twice
        CompiledTopology first = CompiledTopology.of(t);
        CompiledTopology second = CompiledTopology.of(t);

        // THEN it is the one made by the builder, with the same routes the public topology lists
        assertThat(second).isSameAs(first);
        assertThat(first.routes()).isEqualTo(t.routes());
    }

    @Test
    void shouldRefuseASecondRegistrationWhenTheTopologyHasRegisteredItsAccess() {
        // GIVEN the topology package is loaded (it registers its access when initialized)
        CompiledTopology.of(Topology.builder().multicast(to("all")).build());

        // WHEN / THEN anyone else registering an access fails
        assertThatThrownBy(() -> TopologyAccess.register(new TopologyAccess() {
            @Override
            protected CompiledTopology compiled(Topology topology) {
                return null;
            }

            @Override
            protected Route rejectingRoute(String name, String reason) {
                return null;
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("registered already");
    }
}
