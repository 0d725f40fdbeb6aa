package dev.streampipe.summary;

import dev.streampipe.session.SummaryWindow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Writes the summary of each window it is given exactly once.
 *
 * <p>A payload carries one window or, from the batching router, many ({@link SummaryPayload}); a batch runs
 * through {@link #summarizeAll} (windows concurrently within a bound, see {@link ConcurrentWindows}), each window by
 * the single-window path below, so a retried payload skips the windows already written and redoes only the others.
 *
 * <p>For {@code (sessionId, n)}: if {@code SUMMARY#n} exists, return {@link SummaryResult.Status#ALREADY_PRESENT}
 * without calling the summarizer. Otherwise read exactly the window's turns; if any is missing, throw
 * {@link RetryableSummaryException} (nothing written; Lambda's retry comes back later). Load
 * {@code SUMMARY#n-1} as context (a missing one is logged and skipped, so one failed window never blocks
 * the rest), summarize, and put {@code SUMMARY#n} conditionally. Losing that put to a concurrent
 * invocation is success ({@link SummaryResult.Status#WRITTEN_CONCURRENTLY}). Every outcome and failure is
 * logged as one JSON line with ids and counts only; failures are rethrown.
 */
public final class SummaryService {

    private final SummaryConfig config;
    private final SummaryStore store;
    private final Summarizer summarizer;
    private final Clock clock;
    private final JsonLog log;
    private final ConcurrentWindows windows;

    /** Default window concurrency ({@value #DEFAULT_CONCURRENCY} sessions at once per batch payload). */
    public static final int DEFAULT_CONCURRENCY = 8;

    public SummaryService(SummaryConfig config, SummaryStore store, Summarizer summarizer, Clock clock, JsonLog log) {
        this(config, store, summarizer, clock, log, DEFAULT_CONCURRENCY);
    }

    /** @param concurrency sessions of one batch payload summarized at once, 1..64 */
    public SummaryService(SummaryConfig config, SummaryStore store, Summarizer summarizer, Clock clock, JsonLog log,
                          int concurrency) {
        this.windows = new ConcurrentWindows(this::summarize, concurrency);
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.summarizer = Objects.requireNonNull(summarizer, "summarizer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Reads a payload (either shape) from {@code in}, summarizes, writes the result(s) to {@code out}.
     *
     * @throws PermanentSummaryException if the payload is not valid (nothing runs), or a batch had elements that
     *                                   are no valid window or windows that failed for good (after the others ran)
     * @throws RetryableSummaryException if any window failed in a way that may heal, or the payload could not be
     *                                   read or the answer written
     */
    public void handle(InputStream in, OutputStream out) {
        SummaryPayload payload;
        try {
            payload = SummaryCodec.readPayload(in);
        } catch (PermanentSummaryException e) {
            log.failure("summary_request_invalid", e, false, "retryable", false);
            throw e;
        } catch (IOException e) {
            log.failure("summary_request_unreadable", e, false, "retryable", true);
            throw new RetryableSummaryException("cannot read the invoke payload: " + e.getMessage(), e);
        }
        try {
            if (payload.batched()) {
                SummaryCodec.writeResults(summarizeAll(payload), out);
            } else {
                SummaryCodec.writeResult(summarize(payload.windows().get(0)), out);
            }
        } catch (IOException e) {
            throw new RetryableSummaryException("cannot write the answer (the summaries are written): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Summarizes every valid window of a batch payload (each distinct one once), logging one {@code summary_batch}
     * line with the counts; then fails for the payload's rejected elements, if any, naming them.
     *
     * @return the results in payload order
     * @throws RetryableSummaryException naming every failed window and rejected element, when any failure may heal
     * @throws PermanentSummaryException naming every failed window and rejected element, when all failures are
     *                                   permanent
     */
    public List<SummaryResult> summarizeAll(SummaryPayload payload) {
        Instant started = clock.instant();
        List<SummaryRequest> requests = payload.windows();
        try {
            List<SummaryResult> results = windows.runAll(requests, payload.rejected());
            log.info("summary_batch", "windows", results.size(),
                    "written", count(results, SummaryResult.Status.WRITTEN),
                    "alreadyPresent", count(results, SummaryResult.Status.ALREADY_PRESENT),
                    "writtenConcurrently", count(results, SummaryResult.Status.WRITTEN_CONCURRENTLY),
                    "failed", 0, "durationMs", elapsedMillis(started));
            return results;
        } catch (RetryableSummaryException | PermanentSummaryException e) {
            log.failure("summary_batch_failed", e, false, "windows", requests.size() + payload.rejected().size(),
                    "failed", e.getSuppressed().length + payload.rejected().size(),
                    "rejected", payload.rejected().size(), "retryable", e instanceof RetryableSummaryException,
                    "durationMs", elapsedMillis(started));
            throw e;
        }
    }

    private static long count(List<SummaryResult> results, SummaryResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /**
     * Summarizes one window.
     *
     * @throws RetryableSummaryException when the window is incomplete or a dependency failed transiently
     * @throws PermanentSummaryException when the request, an item or the model request is bad
     */
    public SummaryResult summarize(SummaryRequest request) {
        Instant started = clock.instant();
        try {
            SummaryResult result = run(request);
            log.info("summary_" + result.status().name().toLowerCase(Locale.ROOT),
                    "sessionId", request.sessionId(), "window", request.window(),
                    "summarizer", summarizer.name(), "durationMs", elapsedMillis(started));
            return result;
        } catch (RetryableSummaryException | PermanentSummaryException e) {
            log.failure("summary_failed", e, false, "sessionId", request.sessionId(), "window", request.window(),
                    "retryable", e instanceof RetryableSummaryException, "durationMs", elapsedMillis(started));
            throw e;
        } catch (RuntimeException e) {
            log.failure("summary_failed", e, true, "sessionId", request.sessionId(), "window", request.window(),
                    "retryable", true, "durationMs", elapsedMillis(started));
            throw e;
        }
    }

    private SummaryResult run(SummaryRequest request) {
        String sessionId = request.sessionId();
        if (config.keys().isSessionPartitionKey(sessionId)) {
            throw new PermanentSummaryException("sessionId must be the bare id without "
                    + config.keys().sessionPrefix() + ", was " + WindowReader.quote(sessionId));
        }
        try {
            config.keys().sessionPartitionKey(sessionId);
        } catch (IllegalArgumentException e) {
            throw new PermanentSummaryException("invalid summary request: " + e.getMessage(), e);
        }
        SummaryWindow window = window(request);
        if (store.summaryExists(sessionId, window.number())) {
            return new SummaryResult(sessionId, window.number(), SummaryResult.Status.ALREADY_PRESENT);
        }
        List<Turn> turns = store.turns(sessionId, window);
        requireComplete(sessionId, window, turns);
        Optional<String> previous = window.previous().flatMap(p -> store.summaryText(sessionId, p.number()));
        if (previous.isEmpty() && window.number() > 1) {
            log.warn("previous_summary_missing", "sessionId", sessionId, "window", window.number());
        }
        String text = summarizer.summarize(new SummaryPrompt(sessionId, window, previous, turns));
        if (text == null || text.isBlank()) {
            throw new PermanentSummaryException("summarizer " + summarizer.name() + " returned no text for session "
                    + sessionId + " window " + window.number());
        }
        Instant now = clock.instant();
        Duration ttl = config.ttl();
        boolean written = store.putIfAbsent(
                new SummaryRecord(sessionId, window, text, now, now.plus(ttl), summarizer.name()));
        return new SummaryResult(sessionId, window.number(),
                written ? SummaryResult.Status.WRITTEN : SummaryResult.Status.WRITTEN_CONCURRENTLY);
    }

    private SummaryWindow window(SummaryRequest request) {
        try {
            return SummaryWindow.of(request.window(), config.interval());
        } catch (IllegalArgumentException e) {
            throw new PermanentSummaryException("invalid summary request: " + e.getMessage(), e);
        }
    }

    private static void requireComplete(String sessionId, SummaryWindow window, List<Turn> turns) {
        if (turns.size() == window.interval()) {
            return;
        }
        Set<Long> present = turns.stream().map(Turn::number).collect(Collectors.toSet());
        String missing = LongStream.rangeClosed(window.firstTurn(), window.lastTurn())
                .filter(n -> !present.contains(n))
                .limit(10)
                .mapToObj(Long::toString)
                .collect(Collectors.joining(", "));
        throw new RetryableSummaryException("window " + window.number() + " of session " + sessionId
                + " is incomplete: " + turns.size() + " of " + window.interval() + " turns ("
                + window.firstTurn() + ".." + window.lastTurn() + ") written, missing " + missing
                + (window.interval() - turns.size() > 10 ? ", ..." : ""));
    }

    private long elapsedMillis(Instant started) {
        return Duration.between(started, clock.instant()).toMillis();
    }
}
