package dev.streampipe.hotkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HotKeyConfigTest {

    @Test
    void shouldDocumentSketchBoundsWhenDefaultsAreUsed() {
        HotKeyConfig config = HotKeyConfig.defaults();
        assertThat(config.sketchEpsilon()).isEqualTo(Math.E / 32_768);
        assertThat(config.sketchDelta()).isEqualTo(Math.exp(-4));
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void shouldNameTheBadValueWhenOptionsAreInvalid() {
        assertThatThrownBy(() -> HotKeyConfig.builder().windowSeconds(0).build())
                .hasMessage("windowSeconds must be 1..300, was 0");
        assertThatThrownBy(() -> HotKeyConfig.builder().stripes(3).build())
                .hasMessage("stripes must be a power of two in 1..64, was 3");
        assertThatThrownBy(() -> HotKeyConfig.builder().sketchWidth(1_000).build())
                .hasMessage("sketchWidth must be a power of two in 512..16777216, was 1000");
        assertThatThrownBy(() -> HotKeyConfig.builder().maxTrackedKeysPerTable(4).build())
                .hasMessage("maxTrackedKeysPerTable must be 8..1048576, was 4");
        assertThatThrownBy(() -> HotKeyConfig.builder().recoveryFraction(1.2).build())
                .hasMessage("recoveryFraction must be in (0, 1], was 1.2");
        assertThatThrownBy(() -> HotKeyConfig.builder().cooldown(Duration.ofSeconds(-1)).build())
                .hasMessage("cooldown must be >= 0, was PT-1S");
    }
}
