package dev.streampipe.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummaryWindowTest {

    @ParameterizedTest
    @CsvSource({"1,10,1,10", "2,10,11,20", "3,10,21,30", "1,1,1,1", "7,1,7,7", "100000,10,999991,1000000"})
    void shouldCoverTurnsOfWindowWhenNumberAndIntervalGiven(long number, int interval, long first, long last) {
        // WHEN a window is built
        SummaryWindow window = SummaryWindow.of(number, interval);

        // THEN it covers (n-1)*N+1 .. n*N
        assertThat(window.firstTurn()).isEqualTo(first);
        assertThat(window.lastTurn()).isEqualTo(last);
        assertThat(window.contains(first)).isTrue();
        assertThat(window.contains(last)).isTrue();
        assertThat(window.contains(first - 1)).isFalse();
        assertThat(window.contains(last + 1)).isFalse();
    }

    @Test
    void shouldCloseWindowOnlyWhenTurnIsMultipleOfInterval() {
        // WHEN / THEN turns 10 and 20 close windows 1 and 2; turns 9, 11 close nothing
        assertThat(SummaryWindow.closedBy(10, 10)).contains(SummaryWindow.of(1, 10));
        assertThat(SummaryWindow.closedBy(20, 10)).contains(SummaryWindow.of(2, 10));
        assertThat(SummaryWindow.closedBy(9, 10)).isEmpty();
        assertThat(SummaryWindow.closedBy(11, 10)).isEmpty();
        assertThat(SummaryWindow.closedBy(1, 1)).contains(SummaryWindow.of(1, 1));
    }

    @Test
    void shouldFindContainingWindowWhenTurnGiven() {
        // WHEN / THEN
        assertThat(SummaryWindow.containing(1, 10)).isEqualTo(SummaryWindow.of(1, 10));
        assertThat(SummaryWindow.containing(10, 10)).isEqualTo(SummaryWindow.of(1, 10));
        assertThat(SummaryWindow.containing(11, 10)).isEqualTo(SummaryWindow.of(2, 10));
        assertThat(SummaryWindow.containing(25, 10)).isEqualTo(SummaryWindow.of(3, 10));
    }

    @Test
    void shouldGivePreviousWindowExceptForFirst() {
        // WHEN / THEN
        assertThat(SummaryWindow.of(1, 10).previous()).isEqualTo(Optional.empty());
        assertThat(SummaryWindow.of(3, 10).previous()).contains(SummaryWindow.of(2, 10));
    }

    @Test
    void shouldRejectWhenNumberIntervalOrTurnIsOutOfRange() {
        // WHEN / THEN every bad value is named in the message
        assertThatThrownBy(() -> SummaryWindow.of(0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("summary window number must be >= 1, was 0");
        assertThatThrownBy(() -> SummaryWindow.of(1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("summary interval must be 1..1000, was 0");
        assertThatThrownBy(() -> SummaryWindow.of(1, 1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 1001");
        assertThatThrownBy(() -> SummaryWindow.closedBy(0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("turn number must be >= 1, was 0");
        assertThatThrownBy(() -> SummaryWindow.closedBy(-5, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was -5");
        assertThatThrownBy(() -> SummaryWindow.containing(5, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was -1");
        assertThatThrownBy(() -> SummaryWindow.of(Long.MAX_VALUE / 10 + 1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would end beyond turn");
    }

    @Test
    void shouldAcceptLastWindowWhenItEndsExactlyAtLongMax() {
        // GIVEN an interval dividing Long.MAX_VALUE (7 does)
        SummaryWindow last = SummaryWindow.of(Long.MAX_VALUE / 7, 7);

        // THEN its last turn is Long.MAX_VALUE and the window closed by that turn is it
        assertThat(last.lastTurn()).isEqualTo(Long.MAX_VALUE);
        assertThat(SummaryWindow.closedBy(Long.MAX_VALUE, 7)).contains(last);
    }
}
