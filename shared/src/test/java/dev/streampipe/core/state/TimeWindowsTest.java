package dev.streampipe.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowsTest {
    private static final long T = Instant.parse("2026-11-20T12:03:00Z").toEpochMilli();
    private static final long NOON = Instant.parse("2026-11-20T12:00:00Z").toEpochMilli();

    @Test
    void shouldPutATimeInOneWindowWhenWindowsTumble() {
        // GIVEN tumbling windows of 5 minutes
        TimeWindows w = TimeWindows.ofSize(Duration.ofMinutes(5));

        // WHEN / THEN 12:03 is in 12:00..12:05 only, which closes at 12:05 without grace
        assertThat(w.startsFor(T)).containsExactly(NOON);
        assertThat(w.closesAt(NOON)).isEqualTo(NOON + 300_000);
        assertThat(w.describe()).isEqualTo("tumbling 5m, grace 0s");
    }

    @Test
    void shouldPutATimeInSizeOverAdvanceWindowsWhenWindowsHop() {
        // GIVEN 10-minute windows every 5 minutes, with 1 minute of grace
        TimeWindows w = TimeWindows.ofSize(Duration.ofMinutes(10)).advanceBy(Duration.ofMinutes(5))
                .grace(Duration.ofMinutes(1));

        // WHEN / THEN 12:03 is in 11:55..12:05 and 12:00..12:10; the later closes at 12:11
        assertThat(w.startsFor(T)).containsExactly(NOON - 300_000, NOON);
        assertThat(w.closesAt(NOON)).isEqualTo(NOON + 660_000);
        assertThat(w.describe()).isEqualTo("hopping 10m every 5m, grace 1m");
    }

    @Test
    void shouldPutAWindowsStartInItAndItsEndInTheNextWhenOnTheBoundary() {
        // GIVEN tumbling windows of 5 minutes
        TimeWindows w = TimeWindows.ofSize(Duration.ofMinutes(5));

        // WHEN / THEN a time on a boundary starts a window; times before the epoch align too
        assertThat(w.startsFor(NOON)).containsExactly(NOON);
        assertThat(w.startsFor(NOON - 1)).containsExactly(NOON - 300_000);
        assertThat(w.startsFor(-1)).containsExactly(-300_000L);
    }

    @Test
    void shouldRefuseAnAdvanceThatDoesNotDivideTheSizeWhenBuilt() {
        // WHEN / THEN
        assertThatThrownBy(() -> TimeWindows.ofSize(Duration.ofMinutes(5)).advanceBy(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must divide the size");
        assertThatThrownBy(() -> TimeWindows.ofSize(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> TimeWindows.ofSize(Duration.ofMinutes(1)).grace(Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace must be 0 .. 1 day");
    }
}
