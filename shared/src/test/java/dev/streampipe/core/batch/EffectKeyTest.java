package dev.streampipe.core.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EffectKeyTest {

    @Test
    void shouldReadAsTheLedgersStoredKeyWhenPrinted() {
        // GIVEN the effect of route "page-handoff" for record e1
        EffectKey key = new EffectKey("e1", "page-handoff");

        // WHEN / THEN its string form is the item key ledgers have always stored
        assertThat(key).hasToString("e1#page-handoff");
    }

    @Test
    void shouldBeEqualWhenEventAndRouteAreEqual() {
        // GIVEN two keys of the same effect and one of another route
        EffectKey a = new EffectKey("e1", "page");
        EffectKey b = new EffectKey("e1", "page");
        EffectKey other = new EffectKey("e1", "count");

        // THEN the same effect is one key, whatever instance names it
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(other);
        assertThat(a.route()).isEqualTo("page");
        assertThat(a.eventId()).isEqualTo("e1");
    }

    @Test
    void shouldRefuseAKeyWhenAPartIsMissing() {
        // WHEN / THEN
        assertThatThrownBy(() -> new EffectKey(null, "page")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EffectKey("e1", null)).isInstanceOf(NullPointerException.class);
    }
}
