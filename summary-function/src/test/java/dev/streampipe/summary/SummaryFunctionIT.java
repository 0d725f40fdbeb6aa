package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.session.SessionKeys;
import dev.streampipe.summary.dynamodb.DynamoDbSummaryStore;
import dev.streampipe.testing.ddb.SessionTable;
import dev.streampipe.testing.moto.MotoExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The summary function end to end on moto, with the local summarizer behind a recorder. */
class SummaryFunctionIT {

    @RegisterExtension
    static final MotoExtension DDB = new MotoExtension();

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final SessionTable table = DDB.createSessionTable();
    private final SessionItems items = new SessionItems(DDB.client(), table);
    private final SummaryConfig config = new SummaryConfig(table.name(), table.partitionKeyName(),
            table.sortKeyName(), 10, Duration.ofDays(30), Optional.empty(), SessionKeys.DEFAULT);
    private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
    private final RecordingSummarizer summarizer = new RecordingSummarizer(new LocalSummarizer());

    @Test
    void shouldWriteBothWindowsWithPreviousSummaryAsContextWhenSessionHas25Turns() throws IOException {
        // GIVEN a session with 25 turns, its META and HANDOFF items, and another session's turns
        items.textTurns("s-0001", 1, 25);
        items.otherItems("s-0001");
        items.textTurns("s-0002", 1, 20);
        SummaryHandler handler = handler(summarizer);

        // WHEN the router's invokes for windows 1 and 2 arrive
        String first = invoke(handler, "{\"sessionId\":\"s-0001\",\"window\":1}");
        String second = invoke(handler, "{\"sessionId\":\"s-0001\",\"window\":2}");

        // THEN both summaries exist with their windows, created_at and ttl
        assertThat(first).isEqualTo("{\"sessionId\":\"s-0001\",\"window\":1,\"status\":\"WRITTEN\"}");
        assertThat(second).isEqualTo("{\"sessionId\":\"s-0001\",\"window\":2,\"status\":\"WRITTEN\"}");
        List<Map<String, AttributeValue>> summaries = items.items("s-0001", "SUMMARY#");
        assertThat(summaries).extracting(i -> i.get("SK").s()).containsExactly("SUMMARY#000001", "SUMMARY#000002");
        assertThat(summaries).extracting(i -> i.get("window_start").n() + ".." + i.get("window_end").n())
                .containsExactly("1..10", "11..20");
        assertThat(summaries).allSatisfy(i -> {
            assertThat(i.get("created_at").s()).isEqualTo("2026-03-01T12:00:00Z");
            assertThat(i.get("ttl").n()).isEqualTo(Long.toString(NOW.plus(Duration.ofDays(30)).getEpochSecond()));
            assertThat(i.get("summarizer").s()).isEqualTo("local");
        });

        // AND the summarizer saw exactly each window's turns, decoded, and window 1's summary as window 2's context
        List<SummaryPrompt> prompts = summarizer.prompts();
        assertThat(prompts).hasSize(2);
        assertThat(prompts.get(0).turns()).extracting(Turn::number).containsExactlyElementsOf(range(1, 10));
        assertThat(prompts.get(0).turns().get(0)).isEqualTo(new Turn(1, "user", SessionItems.text(1)));
        assertThat(prompts.get(0).previousSummary()).isEmpty();
        assertThat(prompts.get(1).turns()).extracting(Turn::number).containsExactlyElementsOf(range(11, 20));
        assertThat(prompts.get(1).previousSummary()).contains(summaries.get(0).get("summary_text").s());
        assertThat(summaries.get(1).get("summary_text").s())
                .isEqualTo(new LocalSummarizer().summarize(prompts.get(1)));

        // AND no conversation text reached the log
        assertThat(logLines).hasSize(2).noneSatisfy(l -> assertThat(l).contains("question"));
    }

    @Test
    void shouldCallModelOnceWhenSameInvokeArrivesTwice() {
        // GIVEN a complete window
        items.textTurns("s-1", 1, 10);
        SummaryService service = service(summarizer);

        // WHEN the same invoke is handled twice
        SummaryResult first = service.summarize(new SummaryRequest("s-1", 1));
        SummaryResult second = service.summarize(new SummaryRequest("s-1", 1));

        // THEN one model call, one item
        assertThat(first.status()).isEqualTo(SummaryResult.Status.WRITTEN);
        assertThat(second.status()).isEqualTo(SummaryResult.Status.ALREADY_PRESENT);
        assertThat(summarizer.prompts()).hasSize(1);
        assertThat(items.items("s-1", "SUMMARY#")).hasSize(1);
    }

    @Test
    void shouldWriteOneItemWithoutErrorWhenDuplicatesRunConcurrently() throws Exception {
        // GIVEN a complete window and a summarizer that holds both callers until both are inside it,
        // so both have seen "no summary yet" before either writes
        items.textTurns("s-1", 1, 10);
        RecordingSummarizer meeting = RecordingSummarizer.meetingAt(2, new LocalSummarizer());
        SummaryService service = service(meeting);
        ExecutorService threads = Executors.newFixedThreadPool(2);

        // WHEN two invocations run at once
        List<SummaryResult> results = new ArrayList<>();
        try {
            List<Future<SummaryResult>> futures = threads.invokeAll(List.of(
                    () -> service.summarize(new SummaryRequest("s-1", 1)),
                    () -> service.summarize(new SummaryRequest("s-1", 1))), 30, TimeUnit.SECONDS);
            for (Future<SummaryResult> future : futures) {
                results.add(future.get());
            }
        } finally {
            threads.shutdownNow();
        }

        // THEN both succeed, one wrote and one lost the conditional put, and there is one item
        assertThat(results).extracting(SummaryResult::status).containsExactlyInAnyOrder(
                SummaryResult.Status.WRITTEN, SummaryResult.Status.WRITTEN_CONCURRENTLY);
        assertThat(meeting.prompts()).hasSize(2);
        assertThat(items.items("s-1", "SUMMARY#")).hasSize(1);
        assertThat(logLines).noneSatisfy(l -> assertThat(l).contains("\"level\":\"ERROR\""));
    }

    @Test
    void shouldThrowRetryableWhenWindowIsIncomplete() {
        // GIVEN 25 turns: window 3 (21..30) is not complete, and turn 14 of window 2 is missing
        items.textTurns("s-1", 1, 13);
        items.textTurns("s-1", 15, 25);
        SummaryHandler handler = handler(summarizer);

        // WHEN / THEN the invoke fails with the retryable type, so Lambda's async retry comes back later
        assertThatThrownBy(() -> invoke(handler, "{\"sessionId\":\"s-1\",\"window\":3}"))
                .isInstanceOf(RetryableSummaryException.class)
                .hasMessage("window 3 of session s-1 is incomplete: 5 of 10 turns (21..30) written, "
                        + "missing 26, 27, 28, 29, 30");
        assertThatThrownBy(() -> invoke(handler, "{\"sessionId\":\"s-1\",\"window\":2}"))
                .isInstanceOf(RetryableSummaryException.class)
                .hasMessageEndingWith("9 of 10 turns (11..20) written, missing 14");
        assertThat(summarizer.prompts()).isEmpty();
        assertThat(items.items("s-1", "SUMMARY#")).isEmpty();

        // AND once the turn arrives, the retry succeeds
        items.textTurns("s-1", 14, 14);
        assertThat(service(summarizer).summarize(new SummaryRequest("s-1", 2)).status())
                .isEqualTo(SummaryResult.Status.WRITTEN);
    }

    @Test
    void shouldDecodeCompressedContentWhenTurnsAreZlibBinary() {
        // GIVEN a window mixing plain-text and compressed turns
        items.compressedTurns("s-1", 1, 5);
        items.textTurns("s-1", 6, 10);

        // WHEN summarized
        service(summarizer).summarize(new SummaryRequest("s-1", 1));

        // THEN the summarizer saw every turn as text
        assertThat(summarizer.prompts()).singleElement().satisfies(p -> assertThat(p.turns())
                .extracting(Turn::text).containsExactlyElementsOf(range(1, 10).stream().map(SessionItems::text).toList()));
    }

    @Test
    void shouldNameTheItemAndWriteNothingWhenCompressedContentIsCorrupt() {
        // GIVEN turn 4 holds binary content that is not zlib
        items.textTurns("s-1", 1, 10);
        items.putTurn("s-1", 4, AttributeValue.fromB(SdkBytes.fromUtf8String("not compressed at all")));

        // WHEN / THEN a permanent failure names the item
        assertThatThrownBy(() -> service(summarizer).summarize(new SummaryRequest("s-1", 1)))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("turn item SESSION#s-1 / TURN#000004 in table " + table.name() + " is corrupt: binary content"
                        + " is not zlib-compressed UTF-8 (not zlib data: incorrect header check)");
        assertThat(summarizer.prompts()).isEmpty();
        assertThat(items.items("s-1", "SUMMARY#")).isEmpty();
        assertThat(logLines).last().asString().contains("\"retryable\":false", "TURN#000004");
    }

    @Test
    void shouldNameTheItemWhenContentHasWrongType() {
        // GIVEN turn 7's content is a number
        items.textTurns("s-1", 1, 10);
        items.putTurn("s-1", 7, AttributeValue.fromN("7"));

        // WHEN / THEN
        assertThatThrownBy(() -> service(summarizer).summarize(new SummaryRequest("s-1", 1)))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessageEndingWith("TURN#000007 in table " + table.name() + " is corrupt: content is N, expected S or B");
    }

    @Test
    void shouldReadEveryPageWhenWindowExceedsOneQueryPage() {
        // GIVEN ten turns of ~120 KB each, more than the 1 MB a query page returns,
        // and a client that counts the Query calls it sends
        String big = "word ".repeat(24_000);
        for (long n = 1; n <= 10; n++) {
            items.putTurn("s-1", n, AttributeValue.fromS(n + " " + big));
        }
        AtomicInteger queries = new AtomicInteger();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest) {
                    queries.incrementAndGet();
                }
            }
        };
        try (DynamoDbClient counting = DDB.server().configure(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build()) {
            SummaryService service = new SummaryService(config, new DynamoDbSummaryStore(counting, config),
                    summarizer, CLOCK, new JsonLog(logLines::add, CLOCK));

            // WHEN summarized
            service.summarize(new SummaryRequest("s-1", 1));
        }

        // THEN the turns came in more than one page, and all ten were read
        assertThat(queries).hasValueGreaterThan(1);
        assertThat(summarizer.prompts()).singleElement()
                .satisfies(p -> assertThat(p.turns()).extracting(Turn::number).containsExactlyElementsOf(range(1, 10)));
    }

    @Test
    void shouldSummarizeWindowWhenItCrossesTheSixDigitKeyWidth() {
        // GIVEN turns 999,991..1,000,000, whose last key is TURN#1000000
        items.textTurns("s-1", 999_991, 1_000_000);

        // WHEN window 100,000 is summarized
        SummaryResult result = service(summarizer).summarize(new SummaryRequest("s-1", 100_000));

        // THEN all ten turns were found and the summary key uses all digits
        assertThat(result.status()).isEqualTo(SummaryResult.Status.WRITTEN);
        assertThat(summarizer.prompts()).singleElement().satisfies(p -> assertThat(p.turns())
                .extracting(Turn::number).containsExactlyElementsOf(range(999_991, 1_000_000)));
        assertThat(items.items("s-1", "SUMMARY#")).extracting(i -> i.get("SK").s()).containsExactly("SUMMARY#100000");
    }

    @Test
    void shouldUseConfiguredKeyNamesWhenTableHasOtherKeys() {
        // GIVEN a table keyed pk/sk and a function configured for it
        SessionTable custom = DDB.createSessionTable("pk", "sk");
        SessionItems customItems = new SessionItems(DDB.client(), custom);
        customItems.textTurns("s-1", 1, 10);
        SummaryConfig customConfig = new SummaryConfig(custom.name(), "pk", "sk", 10, Duration.ofDays(1),
                Optional.empty(), SessionKeys.DEFAULT);
        SummaryService service = new SummaryService(customConfig, new DynamoDbSummaryStore(DDB.client(), customConfig),
                summarizer, CLOCK, new JsonLog(logLines::add, CLOCK));

        // WHEN / THEN
        assertThat(service.summarize(new SummaryRequest("s-1", 1)).status()).isEqualTo(SummaryResult.Status.WRITTEN);
        assertThat(customItems.items("s-1", "SUMMARY#")).singleElement()
                .satisfies(i -> assertThat(i.get("sk").s()).isEqualTo("SUMMARY#000001"));
    }

    @Test
    void shouldWriteExactlyTheTwoFailedWindowsOnRetryAndCallTheModelOncePerWindowWhenABatchOf40HasTwoTransientFailures()
            throws IOException {
        // GIVEN ten sessions of 40 turns (four windows each, 40 in all), except that turn 15 of s-03 (window 2)
        // and turn 40 of s-07 (window 4) are not written yet; and the router's batch payload naming all 40 windows
        List<String> entries = new ArrayList<>();
        for (int s = 1; s <= 10; s++) {
            String session = String.format("s-%02d", s);
            for (long w = 1; w <= 4; w++) {
                entries.add("{\"sessionId\":\"" + session + "\",\"window\":" + w + ",\"eventId\":\"e-" + s + "-" + w
                        + "\",\"sequenceNumber\":\"" + (s * 100 + w) + "\"}");
            }
        }
        items.textTurns("s-03", 1, 14);
        items.textTurns("s-03", 16, 40);
        items.textTurns("s-07", 1, 39);
        for (int s = 1; s <= 10; s++) {
            if (s != 3 && s != 7) {
                items.textTurns(String.format("s-%02d", s), 1, 40);
            }
        }
        String payload = "{\"windows\":[" + String.join(",", entries) + "]}";
        SummaryHandler handler = new SummaryHandler(config, new DynamoDbSummaryStore(DDB.client(), config), summarizer,
                CLOCK, new JsonLog(logLines::add, CLOCK), 4);

        // WHEN the payload is handled
        // THEN it fails retryably naming exactly the two incomplete windows, and the 38 others are written
        assertThatThrownBy(() -> invoke(handler, payload))
                .isInstanceOf(RetryableSummaryException.class)
                .hasMessageStartingWith("2 of 40 windows failed (38 done, a retry redoes only the failed): "
                        + "s-03#2: window 2 of session s-03 is incomplete")
                .hasMessageContaining("; s-07#4: window 4 of session s-07 is incomplete");
        assertThat(allSummaries()).hasSize(38).doesNotContain("s-03#2", "s-07#4");
        assertThat(summarizer.prompts()).hasSize(38);

        // WHEN the missing turns arrive and Lambda retries the same payload
        items.textTurns("s-03", 15, 15);
        items.textTurns("s-07", 40, 40);
        String retried = invoke(handler, payload);

        // THEN the retry wrote exactly those two, found the 38 present, and the model was called once per window
        assertThat(retried).startsWith("{\"results\":[");
        assertThat(retried.split("\"status\":\"WRITTEN\"", -1)).hasSize(3);
        assertThat(retried).contains("{\"sessionId\":\"s-03\",\"window\":2,\"status\":\"WRITTEN\"}",
                "{\"sessionId\":\"s-07\",\"window\":4,\"status\":\"WRITTEN\"}");
        assertThat(retried.split("\"status\":\"ALREADY_PRESENT\"", -1)).hasSize(39);
        assertThat(summarizer.prompts().subList(38, 40)).extracting(p -> p.sessionId() + "#" + p.window().number())
                .containsExactlyInAnyOrder("s-03#2", "s-07#4");
        assertThat(summarizer.prompts()).extracting(p -> p.sessionId() + "#" + p.window().number())
                .hasSize(40).doesNotHaveDuplicates();
        assertThat(allSummaries()).hasSize(40).doesNotHaveDuplicates();
        assertThat(logLines).anySatisfy(l -> assertThat(l).contains("\"kind\":\"summary_batch\"",
                "\"windows\":40", "\"written\":2", "\"alreadyPresent\":38"));
    }

    @Test
    void shouldAnswerInTheSingleShapeWhenAnInFlightSingleWindowPayloadArrivesAfterTheBatchingDeploy()
            throws IOException {
        // GIVEN a complete window and an event from a router before batching
        items.textTurns("s-1", 1, 10);
        SummaryHandler handler = new SummaryHandler(config, new DynamoDbSummaryStore(DDB.client(), config), summarizer,
                CLOCK, new JsonLog(logLines::add, CLOCK), 4);

        // WHEN / THEN
        assertThat(invoke(handler, "{\"sessionId\":\"s-1\",\"window\":1,\"eventId\":\"e\"}"))
                .isEqualTo("{\"sessionId\":\"s-1\",\"window\":1,\"status\":\"WRITTEN\"}");
        assertThat(items.items("s-1", "SUMMARY#")).hasSize(1);
    }

    /** Every summary item of sessions s-01..s-10 as {@code <session>#<window>}. */
    private List<String> allSummaries() {
        List<String> all = new ArrayList<>();
        for (int s = 1; s <= 10; s++) {
            String session = String.format("s-%02d", s);
            items.items(session, "SUMMARY#").forEach(i ->
                    all.add(session + "#" + Long.parseLong(i.get("SK").s().substring("SUMMARY#".length()))));
        }
        return all;
    }

    private SummaryService service(Summarizer using) {
        return new SummaryService(config, new DynamoDbSummaryStore(DDB.client(), config), using, CLOCK,
                new JsonLog(logLines::add, CLOCK));
    }

    private SummaryHandler handler(Summarizer using) {
        return new SummaryHandler(config, new DynamoDbSummaryStore(DDB.client(), config), using, CLOCK,
                new JsonLog(logLines::add, CLOCK));
    }

    private static String invoke(SummaryHandler handler, String payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
