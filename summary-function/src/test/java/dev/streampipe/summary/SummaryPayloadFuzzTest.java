package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.json.JsonStrings;
import dev.streampipe.session.SessionKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests of the summary payload decoder and handler. Random bytes and damaged JSON end as a payload or a
 * {@link PermanentSummaryException} with a bounded message, never anything else; well-formed JSON of random shape
 * decodes exactly as a small model of the rules says (which windows are kept, which positions rejected); and through
 * the handler, every valid window of a batch is written whatever else the batch holds. A failure prints its seed;
 * {@code @Property(seed = "...")} replays it.
 */
class SummaryPayloadFuzzTest {

    private static final int MAX_MESSAGE = 600;
    private static final SummaryConfig CONFIG = new SummaryConfig("sessions", "PK", "SK", 10, Duration.ofDays(30),
            Optional.empty(), SessionKeys.DEFAULT);

    @Property(tries = 400)
    void shouldDecodeOrFailPermanentlyWhenBytesAreRandom(@ForAll("bytes") byte[] payload) {
        Statistics.label("outcome").collect(outcome(payload));
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void shouldDecodeOrFailPermanentlyWhenJsonIsDamaged(@ForAll("damagedJson") String payload) {
        Statistics.label("outcome").collect(outcome(payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    void shouldKeepExactlyTheValidWindowsWhenABatchHasRandomElements(@ForAll("batches") Json.Obj batch)
            throws IOException {
        List<Json> elements = ((Json.Arr) batch.fields().get(0).getValue()).items();
        if (Model.tooDeep(batch)) {
            assertThatThrownBy(() -> read(batch.write())).isInstanceOf(PermanentSummaryException.class)
                    .hasMessageContaining("nesting depth");
            Statistics.label("rejected").collect("whole payload: too deep");
            return;
        }
        SummaryPayload payload = read(batch.write());
        List<Integer> invalid = IntStream.range(0, elements.size())
                .filter(i -> Model.request(elements.get(i)).isEmpty()).boxed().toList();
        assertThat(payload.windows()).isEqualTo(elements.stream().map(Model::request).flatMap(Optional::stream).toList());
        assertThat(payload.rejected()).extracting(SummaryPayload.Rejected::position).isEqualTo(invalid);
        assertThat(payload.rejected()).allSatisfy(r -> assertThat(r.toString()).hasSizeLessThan(MAX_MESSAGE));
        Statistics.label("rejected").collect(invalid.isEmpty() ? "none" : invalid.size() == elements.size() ? "all" : "some");
    }

    @Property(tries = 400)
    void shouldDecodeTheSingleWindowOrFailPermanentlyAsTheModelSays(@ForAll("windows") Json window) throws IOException {
        Optional<SummaryRequest> expected = Model.tooDeep(window) ? Optional.empty() : Model.request(window);
        try {
            assertThat(read(window.write()).windows()).containsExactly(expected.orElseThrow(
                    () -> new AssertionError("decoded a window the model refuses: " + window.write())));
            Statistics.label("outcome").collect("decoded");
        } catch (PermanentSummaryException e) {
            assertThat(expected).as("refused a window the model accepts: %s", e.getMessage()).isEmpty();
            assertThat(e.getMessage()).hasSizeLessThan(MAX_MESSAGE);
            Statistics.label("outcome").collect("refused");
        }
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void shouldWriteEveryValidWindowWhateverElseTheBatchHolds(@ForAll("batches") Json.Obj batch) {
        InMemorySummaryStore store = new InMemorySummaryStore();
        List<Json> elements = ((Json.Arr) batch.fields().get(0).getValue()).items();
        List<SummaryRequest> valid = Model.tooDeep(batch) ? List.of()
                : elements.stream().map(Model::request).flatMap(Optional::stream).toList();
        valid.forEach(w -> store.withTurns(w.sessionId(), 1, Math.min(w.window(), 3) * 10));
        SummaryHandler handler = new SummaryHandler(CONFIG, store, new LocalSummarizer(), Clock.systemUTC(),
                new JsonLog(line -> { }, Clock.systemUTC()));
        String outcome;
        try {
            handler.handleRequest(new ByteArrayInputStream(batch.write().getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
            outcome = "answered";
        } catch (PermanentSummaryException | RetryableSummaryException e) {
            assertThat(e.getMessage()).hasSizeLessThan(4_200);
            outcome = e.getClass().getSimpleName();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // a window within the turns written is written, whatever else the batch holds (the service refuses ids that
        // make no partition key; a window past the turns written, > 3, fails retryably, alone)
        valid.stream().filter(w -> w.window() <= 3 && Model.makesAKey(w.sessionId())).forEach(w ->
                assertThat(store.summaryExists(w.sessionId(), w.window())).as(w.toString()).isTrue());
        Statistics.label("outcome").collect(outcome);
    }

    private static String outcome(byte[] payload) {
        try {
            SummaryPayload decoded = SummaryCodec.readPayload(new ByteArrayInputStream(payload));
            assertThat(decoded.windows()).allSatisfy(w -> assertThat(w.sessionId()).isNotBlank()
                    .hasSizeLessThanOrEqualTo(SummaryCodec.MAX_SESSION_ID));
            assertThat(decoded.windows()).allSatisfy(w -> assertThat(w.window()).isPositive());
            assertThat(decoded.rejected()).allSatisfy(r -> assertThat(r.toString()).hasSizeLessThan(MAX_MESSAGE));
            return decoded.rejected().isEmpty() ? "decoded" : "decoded, some rejected";
        } catch (PermanentSummaryException e) {
            assertThat(e.getMessage()).hasSizeLessThan(MAX_MESSAGE);
            return "refused";
        } catch (IOException e) {
            throw new AssertionError("a byte array cannot fail to be read", e);
        }
    }

    private static SummaryPayload read(String json) throws IOException {
        return SummaryCodec.readPayload(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.<byte[]>frequencyOf(weighted(3, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                weighted(1, Arbitraries.of("{\"sessionId\":\"s\",\"window\":1}", "{\"windows\":[{\"sessionId\":\"s\",\"window\":1}]}")
                        .map(s -> s.getBytes(StandardCharsets.UTF_16LE))));
    }

    @Provide
    Arbitrary<String> damagedJson() {
        Arbitrary<String> json = Arbitraries.oneOf(batches().map(Json::write), windows().map(Json::write));
        return Combinators.combine(json, Arbitraries.integers().between(0, 1_000), Arbitraries.integers().between(0, 3),
                Arbitraries.strings().all().ofMaxLength(3)).as((text, at, how, junk) -> {
                    int cut = Math.min(at, text.length());
                    return switch (how) {
                        case 0 -> text.substring(0, cut);
                        case 1 -> text.substring(0, cut) + junk + text.substring(cut);
                        case 2 -> text + junk;
                        default -> text.substring(0, cut) + text.substring(Math.min(text.length(), cut + 1));
                    };
                });
    }

    @Provide
    Arbitrary<Json.Obj> batches() {
        Arbitrary<Json> element = Arbitraries.<Json>frequencyOf(weighted(8, windows()), weighted(1, scalar()),
                weighted(1, Arbitraries.just(new Json.Arr(List.of()))));
        return element.list().ofMaxSize(12).map(items -> new Json.Obj(List.of(Map.entry("windows", new Json.Arr(items)))));
    }

    /** Window objects: each field absent, once or twice, with good, edge or hostile values, and extra fields. */
    @Provide
    Arbitrary<Json> windows() {
        Arbitrary<List<Map.Entry<String, Json>>> sessionIds = field("sessionId", sessionId());
        Arbitrary<List<Map.Entry<String, Json>>> windowNumbers = field("window", windowNumber());
        Arbitrary<List<Map.Entry<String, Json>>> extras = Combinators.combine(
                Arbitraries.of("eventId", "sequenceNumber", "x", "Window", ""), Arbitraries.oneOf(scalar(), nested()))
                .as(Map::entry).list().ofMaxSize(2);
        return Combinators.combine(sessionIds, windowNumbers, extras, Arbitraries.integers().between(0, 2))
                .as((s, w, x, order) -> {
                    List<Map.Entry<String, Json>> fields = new ArrayList<>();
                    fields.addAll(order == 0 ? s : w);
                    fields.addAll(x);
                    fields.addAll(order == 0 ? w : s);
                    return new Json.Obj(fields);
                });
    }

    private static Arbitrary<List<Map.Entry<String, Json>>> field(String name, Arbitrary<Json> value) {
        return Arbitraries.<List<Map.Entry<String, Json>>>frequencyOf(
                weighted(16, value.map(v -> List.of(Map.entry(name, v)))),
                weighted(1, Arbitraries.just(List.of())),
                weighted(1, value.list().ofSize(2).map(vs -> vs.stream().map(v -> Map.entry(name, v)).toList())));
    }

    private static Arbitrary<Json> sessionId() {
        Arbitrary<String> text = Arbitraries.<String>frequencyOf(
                weighted(10, Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1).ofMaxLength(12)),
                weighted(2, Arbitraries.strings().all().ofMaxLength(8)),
                weighted(1, Arbitraries.of("", " ", "\t\n", "\ud800", "a\udc00b", "SESSION#s", "s\u0000")),
                weighted(1, Arbitraries.integers().between(1_020, 1_030).map("x"::repeat)),
                weighted(1, Arbitraries.integers().between(300, 520).map("\u00e9"::repeat)));
        return Arbitraries.<Json>frequencyOf(weighted(9, text.map(Json.Str::new)), weighted(1, scalar()),
                weighted(1, nested()));
    }

    private static Arbitrary<Json> windowNumber() {
        Arbitrary<String> literal = Arbitraries.<String>frequencyOf(
                weighted(10, Arbitraries.longs().between(1, 5).map(Object::toString)),
                weighted(2, Arbitraries.longs().between(6, Long.MAX_VALUE).map(Object::toString)),
                weighted(2, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40))
                        .map(BigInteger::toString)),
                weighted(1, Arbitraries.of("0", "-0", "-1", "9223372036854775807", "9223372036854775808", "1.0", "1.5",
                        "1e999", "1E3", "-2.5e-3", "1e0")));
        return Arbitraries.<Json>frequencyOf(weighted(9, literal.map(Json.Num::new)), weighted(1, scalar()),
                weighted(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3).map(Json.Str::new)),
                weighted(1, nested()));
    }

    private static Arbitrary<Json> scalar() {
        return Arbitraries.oneOf(Arbitraries.of(new Json.Lit("true"), new Json.Lit("false"), new Json.Lit("null")),
                Arbitraries.integers().map(i -> new Json.Num(i.toString())),
                Arbitraries.strings().ofMaxLength(5).map(Json.Str::new));
    }

    private static Arbitrary<Json> nested() {
        Arbitrary<Integer> depths = Arbitraries.<Integer>frequencyOf(weighted(40, Arbitraries.integers().between(1, 4)),
                weighted(1, Arbitraries.integers().between(55, 70)));
        return depths.map(depth -> {
            Json value = new Json.Lit("null");
            for (int i = 0; i < depth; i++) {
                value = i % 2 == 0 ? new Json.Arr(List.of(value)) : new Json.Obj(List.of(Map.entry("k", value)));
            }
            return value;
        });
    }

    private static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    /** JSON written exactly as generated: fields may repeat, numbers keep their literal. */
    sealed interface Json {
        String write();

        record Str(String value) implements Json {
            public String write() {
                return JsonStrings.quote(value);
            }
        }

        record Num(String literal) implements Json {
            public String write() {
                return literal;
            }
        }

        record Lit(String literal) implements Json {
            public String write() {
                return literal;
            }
        }

        record Arr(List<Json> items) implements Json {
            public String write() {
                return items.stream().map(Json::write).collect(Collectors.joining(",", "[", "]"));
            }
        }

        record Obj(List<Map.Entry<String, Json>> fields) implements Json {
            public String write() {
                return fields.stream().map(f -> JsonStrings.quote(f.getKey()) + ":" + f.getValue().write())
                        .collect(Collectors.joining(",", "{", "}"));
            }
        }
    }

    /** The rules, said again as simply as possible: the oracle the decoder is checked against. */
    static final class Model {
        private Model() {
        }

        /** Deeper than the decoder reads: the whole payload is refused. */
        static boolean tooDeep(Json payload) {
            return depth(payload) > SummaryCodec.MAX_DEPTH;
        }

        /** Whether the bare id makes a partition key of the default schema: the service's check. */
        static boolean makesAKey(String sessionId) {
            return !SessionKeys.DEFAULT.isSessionPartitionKey(sessionId)
                    && ("SESSION#" + sessionId).getBytes(StandardCharsets.UTF_8).length <= 1_024;
        }

        /** The window an element is, or empty when the decoder must reject it. */
        static Optional<SummaryRequest> request(Json element) {
            if (!(element instanceof Json.Obj obj)) {
                return Optional.empty();
            }
            List<Json> ids = values(obj, "sessionId");
            List<Json> numbers = values(obj, "window");
            if (ids.size() != 1 || numbers.size() != 1 || !(ids.get(0) instanceof Json.Str id)
                    || !(numbers.get(0) instanceof Json.Num number) || !number.literal().matches("-?[0-9]+")) {
                return Optional.empty();
            }
            BigInteger n = new BigInteger(number.literal());
            boolean goodId = !id.value().isBlank() && id.value().length() <= SummaryCodec.MAX_SESSION_ID
                    && id.value().codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
            boolean goodNumber = n.signum() > 0 && n.bitLength() < 64;
            return goodId && goodNumber ? Optional.of(new SummaryRequest(id.value(), n.longValueExact())) : Optional.empty();
        }

        private static List<Json> values(Json.Obj obj, String name) {
            return obj.fields().stream().filter(f -> f.getKey().equals(name)).map(Map.Entry::getValue).toList();
        }

        private static int depth(Json json) {
            if (json instanceof Json.Arr arr) {
                return 1 + arr.items().stream().mapToInt(Model::depth).max().orElse(0);
            }
            if (json instanceof Json.Obj obj) {
                return 1 + obj.fields().stream().mapToInt(f -> depth(f.getValue())).max().orElse(0);
            }
            return 0;
        }
    }
}
