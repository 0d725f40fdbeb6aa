package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests of the monitor's configuration path, file bytes to {@link MonitorConfig}: random properties files
 * (known keys with plausible, edge and hostile values; unknown and miscased keys; repeated keys; raw junk lines;
 * random bytes) overlaid by a random environment, and random command lines. Whatever the input, the result is a
 * config or an {@link InvalidConfigException} whose message is bounded and whose every problem names its setting;
 * never any other exception. A failure prints its seed; {@code @Property(seed = "...")} replays it.
 */
class MonitorSettingsFuzzTest {

    private static final String ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/sessions/stream/2026-01-01T00:00:00.000";
    private static final List<String> KEYS = MonitorSettings.KEYS.stream().sorted().toList();
    /** Ten problems of at most a key, a rule and two cut values each, plus the prefix. */
    private static final int MAX_MESSAGE = 4_000;

    @Property(tries = 600)
    void shouldGiveAConfigOrAConfigErrorNamingEachKeyWhenTheFileAndEnvironmentAreRandom(
            @ForAll("files") byte[] file, @ForAll("environments") Map<String, String> environment) {
        String outcome;
        try {
            Map<String, String> fromFile = ConfigFile.parse(file, "config file 'fuzz'");
            Map<String, String> merged = MonitorSettings.merge(fromFile, environment);
            try {
                MonitorConfig config = MonitorSettings.parse(merged);
                MonitorSettings.emulatorEndpoint(merged);
                assertThat(config.streamArn()).isNotBlank();
                outcome = "valid";
            } catch (InvalidConfigException e) {
                // a problem with a value: each one names its setting first
                assertThat(e.problems()).allSatisfy(p -> assertThat(KEYS).anyMatch(p::startsWith));
                outcome = "bad value";
            }
        } catch (InvalidConfigException e) {
            outcome = e.getMessage().startsWith("unknown settings") ? "unknown key" : "bad file";
            assertBounded(e);
            Statistics.label("outcome").collect(outcome);
            return;
        }
        Statistics.label("outcome").collect(outcome);
    }

    @Property(tries = 400)
    void shouldParseOrNameTheArgumentWhenTheCommandLineIsRandom(@ForAll("commandLines") List<String> args) {
        try {
            CommandLine line = CommandLine.parse(args.toArray(String[]::new));
            line.configFile().ifPresent(file -> assertThat(file).isNotBlank());
            Statistics.label("outcome").collect("parsed");
        } catch (InvalidConfigException e) {
            assertBounded(e);
            assertThat(e.getMessage()).endsWith(CommandLine.USAGE);
            Statistics.label("outcome").collect("refused");
        }
    }

    @Property(tries = 150)
    void shouldReadEveryValueBackWhenEachIsInItsRange(@ForAll("validSettings") Map<String, String> settings) {
        MonitorConfig config = MonitorSettings.parse(settings);
        assertThat(config.topKeys()).isEqualTo(Integer.parseInt(settings.get("TOP_KEYS").strip().replace("+", "")));
        assertThat(config.checkpointInterval().toMillis())
                .isEqualTo(Long.parseLong(settings.get("CHECKPOINT_INTERVAL_MILLIS").strip()));
        assertThat(config.targetUtilization())
                .isEqualTo(new java.math.BigDecimal(settings.get("TARGET_UTILIZATION").strip()).doubleValue());
    }

    private static void assertBounded(InvalidConfigException e) {
        assertThat(e.getMessage()).hasSizeLessThan(MAX_MESSAGE).doesNotContain("\n", "\r");
    }

    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<String> values = Combinators.combine(entry(Arbitraries.of(KEYS)).list().uniqueElements(Map.Entry::getKey).ofMaxSize(12),
                Arbitraries.just(List.<String>of()), Arbitraries.integers().between(0, 3))
                .as(MonitorSettingsFuzzTest::fileText);
        Arbitrary<String> messy = Combinators.combine(entry(anyKey()).list().ofMaxSize(12), junkLine().list().ofMaxSize(2),
                Arbitraries.integers().between(0, 3)).as(MonitorSettingsFuzzTest::fileText);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Arbitraries.<byte[]>frequencyOf(weighted(7, values.map(MonitorSettingsFuzzTest::utf8)),
                weighted(2, messy.map(MonitorSettingsFuzzTest::utf8)), weighted(1, bytes));
    }

    @Provide
    Arbitrary<Map<String, String>> environments() {
        Arbitrary<Map<String, String>> some = Arbitraries.maps(Arbitraries.of(KEYS), value()).ofMaxSize(3);
        return Arbitraries.<Map<String, String>>frequencyOf(weighted(3, Arbitraries.just(Map.<String, String>of())),
                weighted(2, some));
    }

    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<String> arg = Arbitraries.<String>frequencyOf(
                weighted(3, Arbitraries.of("--config", "--help", "-h", "--config=")),
                weighted(2, Arbitraries.strings().ofMaxLength(20)), weighted(1, Arbitraries.strings().all().ofMaxLength(5)),
                weighted(1, Arbitraries.of("", " ", "m.properties", "--config=m.properties", "--", "-")));
        return arg.list().ofMaxSize(5);
    }

    @Provide
    Arbitrary<Map<String, String>> validSettings() {
        return Combinators.combine(Arbitraries.integers().between(1, 100).map(n -> (n % 2 == 0 ? "+" : "") + n),
                Arbitraries.longs().between(100, 600_000).map(Object::toString),
                Arbitraries.bigDecimals().between(new java.math.BigDecimal("0.001"), java.math.BigDecimal.ONE)
                        .ofScale(3).map(java.math.BigDecimal::toPlainString),
                Arbitraries.of("", " ", "\t")).as((top, checkpoint, utilization, pad) -> Map.of("STREAM_ARN", ARN,
                "TOP_KEYS", pad + top + pad, "CHECKPOINT_INTERVAL_MILLIS", checkpoint + pad,
                "TARGET_UTILIZATION", pad + utilization));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Mostly known keys, some in lower case, some made up. */
    private static Arbitrary<String> anyKey() {
        return Arbitraries.<String>frequencyOf(weighted(12, Arbitraries.of(KEYS)),
                weighted(1, Arbitraries.of(KEYS).map(k -> k.toLowerCase(Locale.ROOT))),
                weighted(1, Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(12)));
    }

    private static Arbitrary<Map.Entry<String, String>> entry(Arbitrary<String> key) {
        return Combinators.combine(key, value()).as(Map::entry);
    }

    /** Plausible, edge and hostile values, whatever the key. */
    private static Arbitrary<String> value() {
        return Arbitraries.<String>frequencyOf(
                weighted(3, Arbitraries.integers().between(-2, 700_000).map(Object::toString)),
                weighted(2, Arbitraries.of("0.8", "1", "0", "-0", "+5", "*", "1e999", "1e3", "NaN", "Infinity", "-Infinity",
                        "0x10", "800f", "1_000", "٣", "１０", "", " ", "9223372036854775808", "2147483648",
                        "99999999999999999999999", "LATEST", "trim-horizon", "creation", "window-average", "NONE",
                        "http://127.0.0.1:5000", "http://bad host:x", "127.0.0.1:5000", "http://[::1]:0", "/tmp",
                        "/dev/null", "a\0b", ARN, "arn:aws:sns:eu-west-1:123456789012:hot", "streampipe/HotKeys",
                        "AWS/DynamoDB", "sessions/SESSION#=500; /TENANT#=300", "x/=1", "/=5", "orders/=1:2:3",
                        "ab/P =1", "orders/=1e9", "aaa/=1;aaa/=2")),
                weighted(2, Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(400)),
                weighted(2, Arbitraries.strings().all().ofMaxLength(40)),
                weighted(1, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(5_000)),
                weighted(1, ruleSpec()));
    }

    private static Arbitrary<String> ruleSpec() {
        Arbitrary<String> table = Arbitraries.of("", "sessions", "ab", "orders", "t/x", "ta ble");
        Arbitrary<String> prefix = Arbitraries.of("", "SESSION#", " P", "P ", "=", "é".repeat(1_100));
        Arbitrary<String> limit = Arbitraries.of("1", "*", "0", "-1", "1000000", "1000000.1", "NaN", "1:2", "*:*", "",
                "99999999999999999999", "1:2:3");
        return Combinators.combine(table, prefix, limit).as((t, p, l) -> t + "/" + p + "=" + l).list().ofMaxSize(4)
                .map(rules -> String.join(";", rules));
    }

    private static Arbitrary<String> junkLine() {
        return Arbitraries.strings().all().ofMaxLength(30);
    }

    /** A properties file of the entries (escaped), junk lines, and the stream ARN {@code arn} times out of 3. */
    private static String fileText(List<Map.Entry<String, String>> entries, List<String> junk, int arn) {
        List<String> lines = new ArrayList<>();
        if (arn > 0) {
            lines.add("STREAM_ARN=" + escape(ARN));
        }
        entries.forEach(e -> lines.add(escape(e.getKey()) + (e.getValue().length() % 2 == 0 ? "=" : " : ")
                + escape(e.getValue())));
        lines.addAll(junk);
        return String.join("\n", lines);
    }

    /** Escapes what properties syntax reads specially: backslashes, line breaks, separators, leading spaces. */
    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '=', ':', '#', '!', ' ' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }
}
