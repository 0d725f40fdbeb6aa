package dev.streampipe.summary;

import java.util.Objects;

/**
 * What one invocation did; written back as the function's JSON response.
 *
 * @param sessionId the session
 * @param window    the window number
 * @param status    the outcome
 */
public record SummaryResult(String sessionId, long window, Status status) {

    /** How an invocation ended without error. */
    public enum Status {
        /** This invocation called the summarizer and wrote the summary. */
        WRITTEN,
        /** The summary existed before; the summarizer was not called. */
        ALREADY_PRESENT,
        /** A concurrent invocation wrote the summary first; this one's conditional put lost, harmlessly. */
        WRITTEN_CONCURRENTLY
    }

    public SummaryResult {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(status, "status");
    }
}
