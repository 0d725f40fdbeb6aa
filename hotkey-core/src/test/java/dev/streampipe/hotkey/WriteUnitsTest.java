package dev.streampipe.hotkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.record.ItemSize;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Write units from item sizes (moved from the core's ItemSizeTest with WriteUnits). */
class WriteUnitsTest {

    @Test
    void shouldChargeTwoWcuForATurnItemOfFifteenHundredCharacters() {
        // GIVEN a turn item as the chat table stores it
        Map<String, Object> turn = new LinkedHashMap<>();
        turn.put("PK", "SESSION#0c8f");
        turn.put("SK", "TURN#000001");
        turn.put("turn_number", new BigDecimal(1));
        turn.put("role", "user");
        turn.put("content", "x".repeat(1_500));

        // WHEN sized, THEN names + values add up, and 1,550 bytes start a second KB
        long expected = (2 + 12) + (2 + 11) + (11 + 2) + (4 + 4) + (7 + 1_500);
        assertThat(ItemSize.ofItem(turn)).isEqualTo(expected);
        assertThat(WriteUnits.ofItem(turn)).isEqualTo(2);
    }

    @Test
    void shouldChargeLargerImageWhenAChangeReplacesAnItem() {
        assertThat(WriteUnits.ofChange(0, 1_024)).isEqualTo(1);
        assertThat(WriteUnits.ofChange(3_000, 1_025)).isEqualTo(3);
        assertThat(WriteUnits.ofChange(2_000, 0)).isEqualTo(2);
        assertThatThrownBy(() -> WriteUnits.ofSize(-1)).hasMessage("sizeBytes must be >= 0, was -1");
    }

    @Property
    void shouldChargeOneWcuPerStartedKilobyte(@ForAll @LongRange(min = 0, max = 400 * 1_024) long size) {
        int units = WriteUnits.ofSize(size);
        assertThat(units).isEqualTo(Math.max(1, (int) Math.ceil(size / 1_024.0)));
        assertThat(WriteUnits.ofSize(size + 1)).isBetween(units, units + 1);
    }
}
