package dev.streampipe.core.batch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.batch.EffectKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptedMemoryTest {

    private static EffectKey key(String eventId) {
        return new EffectKey(eventId, "r");
    }

    @Test
    void shouldEvictTheKeyRememberedLongestAgoWhenFull() {
        // GIVEN a memory of three keys holding e1, e2, e3
        AcceptedMemory memory = new AcceptedMemory(3);
        memory.remember("all", List.of(key("e1"), key("e2"), key("e3")));

        // WHEN a fourth is remembered
        memory.remember("all", List.of(key("e4")));

        // THEN the oldest is gone and the bound holds
        assertThat(memory.accepted("all", key("e1"))).isFalse();
        assertThat(memory.accepted("all", key("e2"))).isTrue();
        assertThat(memory.accepted("all", key("e4"))).isTrue();
        assertThat(memory.size()).isEqualTo(3);
    }

    @Test
    void shouldKeepAKeyRememberedAgainAsTheNewestWhenEvicting() {
        // GIVEN e1, e2, e3, then e1 accepted again
        AcceptedMemory memory = new AcceptedMemory(3);
        memory.remember("all", List.of(key("e1"), key("e2"), key("e3")));
        memory.remember("all", List.of(key("e1")));

        // WHEN a fourth is remembered
        memory.remember("all", List.of(key("e4")));

        // THEN e2 was the oldest
        assertThat(memory.accepted("all", key("e1"))).isTrue();
        assertThat(memory.accepted("all", key("e2"))).isFalse();
    }

    @Test
    void shouldTellSinksApartWhenTheSameEffectWentToOneOfThem() {
        // GIVEN
        AcceptedMemory memory = new AcceptedMemory(10);

        // WHEN
        memory.remember("all", List.of(key("e1")));

        // THEN
        assertThat(memory.accepted("all", key("e1"))).isTrue();
        assertThat(memory.accepted("pages", key("e1"))).isFalse();
    }

    @Test
    void shouldRefuseACapacityBelowOne() {
        // WHEN / THEN
        assertThatThrownBy(() -> new AcceptedMemory(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1, was 0");
    }
}
