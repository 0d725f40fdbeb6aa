package dev.streampipe.summary;

import dev.streampipe.session.SummaryWindow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Summarizer} summarizes: one complete window of turns and the previous window's summary.
 *
 * @param sessionId       the session (without key prefix)
 * @param window          the window being summarized
 * @param previousSummary the summary of the window before, empty for window 1 or when it is missing
 * @param turns           exactly the window's turns, in turn order
 */
public record SummaryPrompt(String sessionId, SummaryWindow window, Optional<String> previousSummary,
                            List<Turn> turns) {
    /** @throws IllegalArgumentException unless the turns are exactly the window's, in order */
    public SummaryPrompt {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(previousSummary, "previousSummary");
        turns = List.copyOf(turns);
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).number() != window.firstTurn() + i) {
                throw new IllegalArgumentException("turns must be exactly " + window.firstTurn() + ".."
                        + window.lastTurn() + " in order, found turn " + turns.get(i).number() + " at position " + i);
            }
        }
        if (turns.size() != window.interval()) {
            throw new IllegalArgumentException("window " + window.number() + " needs " + window.interval()
                    + " turns, was given " + turns.size());
        }
    }
}
