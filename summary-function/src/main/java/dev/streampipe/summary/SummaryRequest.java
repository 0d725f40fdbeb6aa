package dev.streampipe.summary;

/**
 * The router's asynchronous invoke payload, {@code {"sessionId":"s-0001","window":1}}.
 *
 * @param sessionId the bare session id, without {@code SESSION#}
 * @param window    the window number, 1 or more
 */
public record SummaryRequest(String sessionId, long window) {
    /** @throws IllegalArgumentException naming the bad value */
    public SummaryRequest {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("sessionId must not be blank, was "
                    + (sessionId == null ? "null" : WindowReader.quote(sessionId)));
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, was " + window);
        }
    }
}
