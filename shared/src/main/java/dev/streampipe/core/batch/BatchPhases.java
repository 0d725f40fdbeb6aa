package dev.streampipe.core.batch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The phases of one batch, each a span on one monotonic clock (nanoseconds, e.g. {@link System#nanoTime()}), in the
 * order they started (of two that start together, the enclosing one first). A sink's spans
 * ({@link Phase#LEDGER_READ}, {@link Phase#SEND}, {@link Phase#LEDGER_WRITE}, {@link Phase#DELIVERY}) name the sink;
 * the others do not.
 */
public record BatchPhases(List<Span> spans) {
    public BatchPhases {
        spans = List.copyOf(spans);
    }

    /** One phase: what, for which sink ({@code null}: none), from when to when. */
    public record Span(Phase phase, String sinkOrNull, long startNanos, long endNanos) {
        public Span {
            Objects.requireNonNull(phase, "phase");
            if (endNanos < startNanos) {
                throw new IllegalArgumentException(phase + " ends before it starts: " + startNanos + " > " + endNanos);
            }
        }

        public Duration duration() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    /** The span of {@code phase} for {@code sinkOrNull}, if the batch had one. */
    public Optional<Span> span(Phase phase, String sinkOrNull) {
        return spans.stream().filter(s -> s.phase == phase && Objects.equals(s.sinkOrNull, sinkOrNull)).findFirst();
    }

    /** When the first phase started (0 when there is none). */
    public long startNanos() {
        return spans.stream().mapToLong(Span::startNanos).min().orElse(0);
    }

    /** From the first phase's start to the last one's end. */
    public Duration total() {
        return Duration.ofNanos(spans.stream().mapToLong(Span::endNanos).max().orElse(0) - startNanos());
    }

    /** The sink whose delivery ended last: the batch's critical path, when a sink ran. */
    public Optional<String> lastSink() {
        return spans.stream().filter(s -> s.phase == Phase.DELIVERY)
                .max((a, b) -> Long.compare(a.endNanos, b.endNanos)).map(Span::sinkOrNull);
    }
}
