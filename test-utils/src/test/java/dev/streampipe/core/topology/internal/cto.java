package dev.streampipe.core.topology.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.StreamEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link CompiledTopology#orderKey}: the key within which sinks keep a record's messages in stream order. */
class CompiledTopologyOrderKeyTest {
    private static ChangeRecord record(String pk, String sk) {
        return new StreamEventDecoder().decode(StreamEvent.of(StreamEvent.of("INSERT", "PK", pk, "SK", sk)
                .eventId("e-" + sk)).getBytes()).records().get(0);
    }

    private static Topology.Builder builder() {
        return Topology.builder();
    }

    private static CompiledTopology build(Topology.Builder b) {
        return CompiledTopology.of(b.multicast(Route.named("all").to("sink").mapping(r -> Optional.of(Payload.of("x"))))
                .build());
    }

    @Test
    void shouldGiveTheSameKeyToEveryItemOfAPartitionWhenOrderedByThePartitionKey() {
        CompiledTopology t = build(builder().orderedBy("PK"));

        assertThat(t.orderKey(record("SESSION#1", "TURN#000001")))
                .isEqualTo(t.orderKey(record("SESSION#1", "META")))
                .isEqualTo("PK=SESSION#1")
                .isNotEqualTo(t.orderKey(record("SESSION#2", "META")));
        assertThat(t.orderKeyAttribute()).contains("PK");
    }

    @Test
    void shouldKeyByTheWholeItemKeyWhenNoPartitionKeyIsNamed() {
        CompiledTopology t = build(builder());

        assertThat(t.orderKey(record("SESSION#1", "TURN#000001"))).isEqualTo("PK=SESSION#1\u0000SK=TURN#000001")
                .isNotEqualTo(t.orderKey(record("SESSION#1", "META")));
        assertThat(t.orderKeyAttribute()).isEmpty();
    }

    @Test
    void shouldFallBackToTheItemKeyWhenTheRecordLacksTheNamedAttribute() {
        CompiledTopology t = build(builder().orderedBy("tenant"));

        assertThat(t.orderKey(record("SESSION#1", "META"))).isEqualTo("PK=SESSION#1\u0000SK=META");
    }

    @Test
    void shouldRejectABlankAttributeNamingIt() {
        assertThatThrownBy(() -> builder().orderedBy(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orderedBy").hasMessageContaining("' '");
    }
}
