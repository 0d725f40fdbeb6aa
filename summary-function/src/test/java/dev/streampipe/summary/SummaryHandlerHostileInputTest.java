package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.session.SessionKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hostile payloads through the handler, as the router's asynchronous invoke delivers them: every failure is typed,
 * names the value, stays short, and a bad pair never stops the good pairs of its payload.
 */
class SummaryHandlerHostileInputTest {

    private static final SummaryConfig CONFIG = new SummaryConfig("sessions", "PK", "SK", 10, Duration.ofDays(30),
            Optional.empty(), SessionKeys.DEFAULT);
    /** Ten named failures of at most a 60-character id and a 300-character message each, plus the counts. */
    private static final int MAX_MESSAGE = 4_200;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final InMemorySummaryStore store = new InMemorySummaryStore().withTurns("s-1", 1, 20).withTurns("s-2", 1, 10);
    private final RecordingSummarizer summarizer = new RecordingSummarizer(new LocalSummarizer());
    private final SummaryHandler handler = new SummaryHandler(CONFIG, store, summarizer, Clock.systemUTC(),
            new JsonLog(log::add, Clock.systemUTC()));

    @Test
    void shouldWriteTheGoodWindowsThenFailPermanentlyNamingTheBadPairsWhenABatchMixesThem() {
        // GIVEN a batch with two good windows and bad pairs between them: empty, blank and prefixed ids, window 0,
        // a string window, a fraction, an overflow, 1e999
        String payload = "{\"windows\":[{\"sessionId\":\"s-1\",\"window\":1},{\"sessionId\":\"\",\"window\":1},"
                + "{\"sessionId\":\"   \",\"window\":1},{\"sessionId\":\"s-1\",\"window\":0},"
                + "{\"sessionId\":\"s-1\",\"window\":\"1\"},{\"sessionId\":\"s-1\",\"window\":1.5},"
                + "{\"sessionId\":\"s-1\",\"window\":99999999999999999999},{\"sessionId\":\"s-1\",\"window\":1e999},"
                + "{\"sessionId\":\"SESSION#s-2\",\"window\":1},{\"sessionId\":\"s-2\",\"window\":1}]}";
        // WHEN handled
        // THEN the invocation fails permanently, naming each bad pair by position and value, briefly
        assertThatThrownBy(() -> handle(payload))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessageStartingWith("8 of 10 windows failed (2 done, a retry redoes only the failed): "
                        + "windows[1] sessionId must not be blank, was \"\"; "
                        + "windows[2] sessionId must not be blank, was \"   \"; "
                        + "windows[3] window must be an integer from 1 to 9223372036854775807, was 0; "
                        + "windows[4] window must be an integer from 1 to 9223372036854775807, was string \"1\"; "
                        + "windows[5] window must be an integer from 1 to 9223372036854775807, was 1.5; "
                        + "windows[6] window must be an integer from 1 to 9223372036854775807, was 99999999999999999999; "
                        + "windows[7] window must be an integer from 1 to 9223372036854775807, was 1e999; "
                        + "SESSION#s-2#1: sessionId must be the bare id without SESSION#, was \"SESSION#s-2\"");
        // AND the good windows were written, once each
        assertThat(store.summaryExists("s-1", 1)).isTrue();
        assertThat(store.summaryExists("s-2", 1)).isTrue();
        assertThat(summarizer.prompts()).hasSize(2);
        assertThat(log).anySatisfy(line -> assertThat(line).contains("summary_batch_failed", "\"rejected\":7",
                "\"failed\":8", "\"retryable\":false"));
    }

    @Test
    void shouldFailRetryablyWhenABadPairMeetsAWindowThatMayHeal() {
        // GIVEN a bad pair and a window whose turns are not all written yet
        String payload = "{\"windows\":[{\"sessionId\":\"s-1\",\"window\":-1},{\"sessionId\":\"s-1\",\"window\":3}]}";
        // WHEN handled  THEN the failure is retryable: the incomplete window may heal (the bad pair fails again)
        assertThatThrownBy(() -> handle(payload))
                .isInstanceOf(RetryableSummaryException.class)
                .hasMessageContaining("windows[0] window must be an integer from 1 to 9223372036854775807, was -1")
                .hasMessageContaining("s-1#3: window 3 of session s-1 is incomplete");
    }

    @Test
    void shouldRunADuplicatedPairOnceWhenThousandsOfCopiesArrive() throws IOException {
        // GIVEN 5,000 copies of one pair and one of another
        List<String> pairs = new ArrayList<>(Collections.nCopies(5_000, "{\"sessionId\":\"s-1\",\"window\":2}"));
        pairs.add("{\"sessionId\":\"s-2\",\"window\":1}");
        // WHEN handled
        String answer = handle("{\"windows\":[" + String.join(",", pairs) + "]}");
        // THEN each distinct window ran and is answered once
        assertThat(summarizer.prompts()).hasSize(2);
        assertThat(answer).isEqualTo("{\"results\":[{\"sessionId\":\"s-1\",\"window\":2,\"status\":\"WRITTEN\"},"
                + "{\"sessionId\":\"s-2\",\"window\":1,\"status\":\"WRITTEN\"}]}");
    }

    @Test
    void shouldRunNothingAndFailPermanentlyWhenThePayloadIsNoRequestAtAll() {
        // GIVEN payloads that are not a request: not JSON, UTF-16, deep nesting, trailing content, too many windows
        List<byte[]> payloads = List.of("not json".getBytes(StandardCharsets.UTF_8),
                "{\"sessionId\":\"s-1\",\"window\":1}".getBytes(StandardCharsets.UTF_16),
                ("{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8),
                "{\"sessionId\":\"s-1\",\"window\":1} {\"sessionId\":\"s-2\",\"window\":1}".getBytes(StandardCharsets.UTF_8),
                ("{\"windows\":[" + String.join(",", Collections.nCopies(10_001, "{\"sessionId\":\"s-1\",\"window\":1}"))
                        + "]}").getBytes(StandardCharsets.UTF_8),
                new byte[0]);
        for (byte[] payload : payloads) {
            // WHEN handled  THEN a permanent failure, short, and nothing ran
            assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(payload), new ByteArrayOutputStream(), null))
                    .isInstanceOf(PermanentSummaryException.class)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(MAX_MESSAGE));
        }
        assertThat(summarizer.prompts()).isEmpty();
        assertThat(log).hasSize(payloads.size()).allSatisfy(line -> assertThat(line).contains("summary_request_invalid"));
    }

    @Test
    void shouldKeepTheMessageShortWhenTheBadValuesAreHuge() {
        // GIVEN twenty pairs each with a 1,000-character id made of a lone surrogate and text, and a 2 MB id
        List<String> pairs = new ArrayList<>(Collections.nCopies(20,
                "{\"sessionId\":\"\\ud800" + "y".repeat(999) + "\",\"window\":1}"));
        pairs.add("{\"sessionId\":\"" + "z".repeat(2_000_000) + "\",\"window\":1}");
        // WHEN handled
        // THEN the failure is permanent, names ten of them, cut, and says there are more
        assertThatThrownBy(() -> handle("{\"windows\":[" + String.join(",", pairs) + "]}"))
                .isInstanceOf(PermanentSummaryException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(MAX_MESSAGE).endsWith("; ...")
                        .startsWith("21 of 21 windows failed (0 done, a retry redoes only the failed): windows[0] "
                                + "sessionId must be well-formed Unicode (no lone surrogate), was \"\\ud800yyy"));
    }

    @Test
    void shouldFailRetryablyNamingTheCauseWhenThePayloadCannotBeRead() {
        // GIVEN a stream that fails while read
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        // WHEN handled  THEN retryable: the payload itself may be fine
        assertThatThrownBy(() -> handler.handleRequest(broken, new ByteArrayOutputStream(), null))
                .isInstanceOf(RetryableSummaryException.class)
                .hasMessage("cannot read the invoke payload: connection reset");
    }

    private String handle(String payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
