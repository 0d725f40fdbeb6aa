package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.session.SessionKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final SummaryConfig CONFIG = new SummaryConfig("sessions", "PK", "SK", 10,
            Duration.ofDays(30), Optional.empty(), SessionKeys.DEFAULT);

    private final List<String> logLines = new ArrayList<>();
    private final InMemorySummaryStore store = new InMemorySummaryStore();
    private final RecordingSummarizer summarizer = new RecordingSummarizer(new LocalSummarizer());
    private final SummaryService service = new SummaryService(CONFIG, store, summarizer,
            Clock.fixed(NOW, ZoneOffset.UTC), new JsonLog(logLines::add, Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void shouldWriteSummaryWithTtlWhenWindowIsComplete() {
        // GIVEN turns 1..10
        store.withTurns("s-1", 1, 10);

        // WHEN window 1 is summarized
        SummaryResult result = service.summarize(new SummaryRequest("s-1", 1));

        // THEN it is written once, with created_at now and ttl 30 days on
        assertThat(result.status()).isEqualTo(SummaryResult.Status.WRITTEN);
        assertThat(store.summary("s-1", 1)).hasValueSatisfying(s -> {
            assertThat(s.createdAt()).isEqualTo(NOW);
            assertThat(s.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
            assertThat(s.summarizer()).isEqualTo("local");
            assertThat(s.text()).startsWith("Window 1 (turns 1-10)");
        });
        assertThat(summarizer.prompts()).singleElement()
                .satisfies(p -> assertThat(p.previousSummary()).isEmpty());
    }

    @Test
    void shouldSkipModelWhenSummaryAlreadyExists() {
        // GIVEN window 1 already summarized
        store.withTurns("s-1", 1, 10);
        service.summarize(new SummaryRequest("s-1", 1));

        // WHEN the same request comes again
        SummaryResult again = service.summarize(new SummaryRequest("s-1", 1));

        // THEN the model is not called a second time
        assertThat(again.status()).isEqualTo(SummaryResult.Status.ALREADY_PRESENT);
        assertThat(summarizer.prompts()).hasSize(1);
    }

    @Test
    void shouldThrowRetryableAndWriteNothingWhenWindowIsIncomplete() {
        // GIVEN turns 11..20 without 14 and 20
        store.withTurns("s-1", 11, 13);
        store.withTurns("s-1", 15, 19);

        // WHEN / THEN
        assertThatThrownBy(() -> service.summarize(new SummaryRequest("s-1", 2)))
                .isInstanceOf(RetryableSummaryException.class)
                .hasMessage("window 2 of session s-1 is incomplete: 8 of 10 turns (11..20) written, missing 14, 20");
        assertThat(summarizer.prompts()).isEmpty();
        assertThat(store.summaryExists("s-1", 2)).isFalse();
        assertThat(logLines).last().asString().contains("\"kind\":\"summary_failed\"", "\"retryable\":true");
    }

    @Test
    void shouldProceedWithoutContextAndWarnWhenPreviousSummaryIsMissing() {
        // GIVEN turns 11..20 but no summary of window 1
        store.withTurns("s-1", 11, 20);

        // WHEN window 2 is summarized
        SummaryResult result = service.summarize(new SummaryRequest("s-1", 2));

        // THEN it is written without context, and the gap is logged
        assertThat(result.status()).isEqualTo(SummaryResult.Status.WRITTEN);
        assertThat(summarizer.prompts()).singleElement().satisfies(p -> assertThat(p.previousSummary()).isEmpty());
        assertThat(logLines).anySatisfy(l -> assertThat(l).contains("\"kind\":\"previous_summary_missing\""));
    }

    @Test
    void shouldRejectPermanentlyWhenSummarizerReturnsBlankText() {
        // GIVEN a summarizer that answers nothing
        store.withTurns("s-1", 1, 10);
        SummaryService blank = new SummaryService(CONFIG, store, new Summarizer() {
            @Override
            public String summarize(SummaryPrompt prompt) {
                return " ";
            }

            @Override
            public String name() {
                return "blank";
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC), new JsonLog(logLines::add, Clock.systemUTC()));

        // WHEN / THEN
        assertThatThrownBy(() -> blank.summarize(new SummaryRequest("s-1", 1)))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("summarizer blank returned no text for session s-1 window 1");
        assertThat(store.summaryExists("s-1", 1)).isFalse();
    }

    @Test
    void shouldRejectPermanentlyWhenSessionIdCarriesKeyPrefixOrMakesTooLongAKeyOrWindowOverflows() {
        // WHEN / THEN
        assertThatThrownBy(() -> service.summarize(new SummaryRequest("SESSION#s-1", 1)))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("sessionId must be the bare id without SESSION#, was \"SESSION#s-1\"");
        assertThatThrownBy(() -> service.summarize(new SummaryRequest("\u00e9".repeat(600), 1)))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("invalid summary request: session partition key must be at most 1024 UTF-8 bytes, was 1208");
        assertThatThrownBy(() -> service.summarize(new SummaryRequest("s-1", Long.MAX_VALUE)))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessageContaining("would end beyond turn");
    }

    @Test
    void shouldLogIdsButNoConversationTextWhenSummarizing() {
        // GIVEN turns with a recognisable secret
        for (long n = 1; n <= 10; n++) {
            store.addTurn("s-1", new Turn(n, "user", "my card number is 4111-SECRET"));
        }

        // WHEN summarized
        service.summarize(new SummaryRequest("s-1", 1));

        // THEN the log has the outcome and no conversation text
        assertThat(logLines).singleElement().asString()
                .contains("\"kind\":\"summary_written\"", "\"sessionId\":\"s-1\"", "\"window\":1")
                .doesNotContain("SECRET");
    }

    @Test
    void shouldAnswerJsonWhenHandlingStreams() throws Exception {
        // GIVEN turns 1..10 and the router's payload
        store.withTurns("s-0001", 1, 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // WHEN handled twice
        service.handle(new ByteArrayInputStream("{\"sessionId\":\"s-0001\",\"window\":1}".getBytes(StandardCharsets.UTF_8)), out);
        out.write('\n');
        service.handle(new ByteArrayInputStream("{\"window\":1,\"sessionId\":\"s-0001\"}".getBytes(StandardCharsets.UTF_8)), out);

        // THEN each answer names the outcome
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"sessionId\":\"s-0001\",\"window\":1,\"status\":\"WRITTEN\"}\n"
                        + "{\"sessionId\":\"s-0001\",\"window\":1,\"status\":\"ALREADY_PRESENT\"}");
    }

    @Test
    void shouldLogAndRethrowWhenPayloadIsInvalid() {
        // WHEN / THEN
        assertThatThrownBy(() -> service.handle(
                new ByteArrayInputStream("{\"sessionId\":\"s-1\"}".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream()))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("summary request needs sessionId and window, had only sessionId");
        assertThat(logLines).singleElement().asString().contains("summary_request_invalid", "\"retryable\":false");
    }
}
