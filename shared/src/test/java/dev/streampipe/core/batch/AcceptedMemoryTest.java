package dev.streampipe.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptedMemoryTest {

    @Test
    void shouldEvictTheKeyRememberedLongestAgoWhenFull() {
        // GIVEN a memory of three keys holding e1, e2, e3
        AcceptedMemory memory = new AcceptedMemory(3);
        memory.remember("all", List.of("e1#r", "e2#r", "e3#r"));

        // WHEN a fourth is remembered
        memory.remember("all", List.of("e4#r"));

        // THEN the oldest is gone and the bound holds
        assertThat(memory.accepted("all", "e1#r")).isFalse();
        assertThat(memory.accepted("all", "e2#r")).isTrue();
        assertThat(memory.accepted("all", "e4#r")).isTrue();
        assertThat(memory.size()).isEqualTo(3);
    }

    @Test
    void shouldKeepAKeyRememberedAgainAsTheNewestWhenEvicting() {
        // GIVEN e1, e2, e3, then e1 accepted again
        AcceptedMemory memory = new AcceptedMemory(3);
        memory.remember("all", List.of("e1#r", "e2#r", "e3#r"));
        memory.remember("all", List.of("e1#r"));

        // WHEN a fourth is remembered
        memory.remember("all", List.of("e4#r"));

        // THEN e2 was the oldest
        assertThat(memory.accepted("all", "e1#r")).isTrue();
        assertThat(memory.accepted("all", "e2#r")).isFalse();
    }

    @Test
    void shouldTellSinksApartWhenTheSameEffectWentToOneOfThem() {
        // GIVEN
        AcceptedMemory memory = new AcceptedMemory(10);

        // WHEN
        memory.remember("all", List.of("e1#r"));

        // THEN
        assertThat(memory.accepted("all", "e1#r")).isTrue();
        assertThat(memory.accepted("pages", "e1#r")).isFalse();
    }

    @Test
    void shouldRefuseACapacityBelowOne() {
        // WHEN / THEN
        assertThatThrownBy(() -> new AcceptedMemory(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be >= 1, was 0");
    }
}
