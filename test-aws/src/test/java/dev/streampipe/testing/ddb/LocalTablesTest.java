package dev.streampipe.testing.ddb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalTablesTest {

    @Test
    void shouldGiveDistinctValidNamesWhenCalledRepeatedly() {
        // WHEN many names are drawn with one prefix
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            names.add(LocalTables.uniqueName("sessions"));
        }

        // THEN all differ and are legal DynamoDB table names
        assertThat(names).hasSize(1_000)
                .allSatisfy(n -> assertThat(n).matches("sessions-\\d{4,}-[0-9a-f]{6}").hasSizeBetween(3, 255));
    }

    @Test
    void shouldRejectPrefixWhenItHasIllegalCharacters() {
        // WHEN / THEN an illegal prefix is rejected with the bad value named
        assertThatThrownBy(() -> LocalTables.uniqueName("bad name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was bad name");
        assertThatThrownBy(() -> LocalTables.uniqueName(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was null");
    }
}
