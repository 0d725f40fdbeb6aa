package dev.streampipe.summary;

import dev.streampipe.session.SummaryWindow;
import java.time.Instant;
import java.util.Objects;

/**
 * A summary to store as {@code SUMMARY#n}.
 *
 * @param sessionId  the session (without key prefix)
 * @param window     the summarized window ({@code window_start}, {@code window_end})
 * @param text       the summary ({@code summary_text})
 * @param createdAt  when it was made ({@code created_at}, ISO-8601)
 * @param expiresAt  when DynamoDB TTL may delete it ({@code ttl}, epoch seconds)
 * @param summarizer which summarizer wrote it ({@code summarizer})
 */
public record SummaryRecord(String sessionId, SummaryWindow window, String text, Instant createdAt,
                            Instant expiresAt, String summarizer) {
    public SummaryRecord {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(summarizer, "summarizer");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("summary must expire after it is created, expiresAt was " + expiresAt
                    + " and createdAt " + createdAt);
        }
    }
}
