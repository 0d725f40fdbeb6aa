package dev.streampipe.summary;

/**
 * Turns one window of a conversation into summary text.
 *
 * <p>Implementations must be thread-safe. They signal failures by type: {@link RetryableSummaryException}
 * for what may heal (throttling, unavailability, I/O), {@link PermanentSummaryException} for what will not
 * (the request is rejected). They must not log conversation text.
 */
public interface Summarizer {

    /**
     * Summarizes the prompt's turns, carrying forward what matters from its previous summary.
     *
     * @return non-blank summary text
     */
    String summarize(SummaryPrompt prompt);

    /** A stable name for logs and the summary item, e.g. {@code local} or {@code bedrock:<model id>}. */
    String name();
}
