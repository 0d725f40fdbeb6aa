package dev.streampipe.summary;

import dev.streampipe.session.SummaryWindow;
import java.util.List;
import java.util.Optional;

/**
 * Where turns are read and summaries written. All reads are strongly consistent.
 *
 * <p>Failures are typed like {@link Summarizer}'s: {@link RetryableSummaryException} for throttling and
 * transient service or network errors, {@link PermanentSummaryException} for corrupt items (naming the
 * item) and requests the service rejects.
 */
public interface SummaryStore {

    /** Whether {@code SUMMARY#window} exists for the session. */
    boolean summaryExists(String sessionId, long window);

    /** The text of {@code SUMMARY#window}, empty if there is none. */
    Optional<String> summaryText(String sessionId, long window);

    /**
     * The window's turns that exist now, in turn order; fewer than the window's size when some are not
     * written yet. Never returns turns outside the window.
     */
    List<Turn> turns(String sessionId, SummaryWindow window);

    /**
     * Writes the summary unless {@code SUMMARY#window} exists (conditional put).
     *
     * @return {@code true} if this call wrote it, {@code false} if it already existed
     */
    boolean putIfAbsent(SummaryRecord summary);
}
