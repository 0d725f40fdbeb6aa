package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random argument vectors for {@code run}, {@code replay} and {@code redrive}: known flags with random values
 * (numbers in and far out of range, NaN, hex, Unicode digits, durations with and without units, URLs, paths to a
 * template, a folder, a file, nothing), flags without a value, repeated, in {@code --flag=value} form, unknown flags,
 * stray words, control characters, 10,000-character values. Whatever the vector, the parsers return options inside
 * every range or throw a {@link BadInputException} that names the flag or the value, the entry point returns 0 (the
 * command started once) or 2 (nothing started, one error line without a trace), and nothing is created on disk.
 * A failure prints its seed and shrunk sample; {@code @Property(seed = "...")} replays it.
 */
class CliFuzzTest {
    private static final List<String> RUN_FLAGS = List.of("--duration", "--sessions", "--cold-rate", "--hot-rate",
            "--out", "--template");
    private static final List<String> REDRIVE_FLAGS = List.of("--queue-url", "--function", "--endpoint",
            "--max-retries");
    private static final List<String> ALL_FLAGS = Stream.concat(RUN_FLAGS.stream(), REDRIVE_FLAGS.stream()).toList();
    private static final Path BASE = base();
    private static final Path TEMPLATE = file("template.yaml", Templates.MINIMAL);
    private static final Path EVENT = file("event.json", "{\"Records\":[]}");
    private static final Path PLAIN = file("plain.txt", "not a template");

    private static Path base() {
        try {
            return Files.createTempDirectory("cli-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(String name, String text) {
        try {
            return Templates.write(BASE, name, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void removeBase() throws IOException {
        try (Stream<Path> files = Files.walk(BASE)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 1000)
    void shouldReadValidOptionsOrNameTheFlagWhenRunGetsRandomArguments(@ForAll("runArguments") List<String> args) {
        Set<String> before = files();
        try {
            RunOptions o = RunOptions.parse(args);
            Statistics.label("run").collect("valid");
            assertThat(o.coldSessions()).isBetween(1, Workload.Settings.MAX_COLD_SESSIONS);
            assertThat(o.coldWritesPerSecond()).isBetween(Workload.Settings.MIN_RATE, Workload.Settings.MAX_RATE);
            assertThat(o.hotWritesPerSecond()).isBetween(Workload.Settings.MIN_RATE, Workload.Settings.MAX_RATE);
            assertThat(o.duration()).isBetween(RunOptions.MIN_DURATION, RunOptions.MAX_DURATION);
            assertThat(o.template()).isRegularFile();
            assertThat(Files.isDirectory(o.out()) || !Files.exists(o.out())).isTrue();
            valueOf(args, "--sessions").ifPresent(v -> assertThat(BigInteger.valueOf(o.coldSessions()))
                    .isEqualTo(new BigInteger(v.strip())));
        } catch (BadInputException e) {
            Statistics.label("run").collect(kind(e.getMessage()));
            assertNamesTheProblem(e.getMessage(), args, RUN_FLAGS);
        }
        assertThat(files()).as("nothing created or removed").isEqualTo(before);
    }

    @Property(tries = 1000)
    void shouldReadValidOptionsOrNameTheFlagWhenRedriveGetsRandomArguments(
            @ForAll("redriveArguments") List<String> args) {
        try {
            RedriveOptions o = RedriveOptions.parse(args);
            Statistics.label("redrive").collect("valid");
            assertThat(o.queueUrl().getScheme()).isIn("http", "https", "HTTP", "HTTPS", "Http", "Https");
            assertThat(o.queueUrl().getHost()).isNotEmpty();
            assertThat(o.function()).isNotBlank().hasSizeLessThanOrEqualTo(170);
            o.endpoint().ifPresent(e -> assertThat(e.getHost()).isNotEmpty());
            assertThat(o.maxRetries()).isBetween(0, MappingSemantics.Settings.MAX_RETRIES);
        } catch (BadInputException e) {
            Statistics.label("redrive").collect(kind(e.getMessage()));
            assertNamesTheProblem(e.getMessage(), args, REDRIVE_FLAGS);
        }
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void shouldStartNothingAndThrowNothingWhenTheEntryPointGetsRandomArguments(
            @ForAll("invocations") List<String> argv) {
        // GIVEN commands that only record what would have started
        RecordingCommands commands = new RecordingCommands();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Set<String> before = files();

        // WHEN the entry point runs (it throws nothing: any throw fails the property)
        int exit = new StreampipeLocal(commands, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(argv.toArray(String[]::new));

        // THEN 0 with one start, or 2 with none and an error line (usage under it) and no trace
        String printed = err.toString(StandardCharsets.UTF_8);
        String command = argv.get(0).matches("run|replay|redrive") ? argv.get(0) : "other";
        Statistics.label("entry point").collect(command + " " + exit);
        assertThat(exit).isIn(StreampipeLocal.EXIT_OK, StreampipeLocal.EXIT_BAD_INPUT);
        if (exit == StreampipeLocal.EXIT_OK) {
            assertThat(commands.started).hasSize(1);
            assertThat(printed).isEmpty();
        } else {
            assertThat(commands.started).isEmpty();
            assertThat(printed).startsWith("error: ").doesNotContain("\tat ", "Exception:");
            assertThat(printed.lines().count()).isBetween(1L, 2L);
            assertNamesTheProblem(printed.lines().findFirst().orElseThrow(), argv, ALL_FLAGS);
        }
        assertThat(files()).as("nothing created or removed").isEqualTo(before);
    }

    @Provide
    Arbitrary<List<String>> invocations() {
        Arbitrary<List<String>> replay = Arbitraries.frequencyOf(Tuple.of(3, paths()), Tuple.of(1, hostile()))
                .list().ofMaxSize(3);
        Arbitrary<List<String>> mixed = arguments(ALL_FLAGS, Set.of());
        Arbitrary<List<String>> any = Arbitraries.frequencyOf(Tuple.of(1, mixed), Tuple.of(1, replay));
        return Arbitraries.frequencyOf(
                Tuple.of(3, prefixed("run", Arbitraries.frequencyOf(Tuple.of(3, runArguments()), Tuple.of(1, any)))),
                Tuple.of(3, prefixed("redrive", Arbitraries.frequencyOf(Tuple.of(3, redriveArguments()),
                        Tuple.of(1, any)))),
                Tuple.of(2, prefixed("replay", Arbitraries.frequencyOf(Tuple.of(3, replay), Tuple.of(1, any)))),
                Tuple.of(1, hostile().flatMap(c -> prefixed(c, any))));
    }

    private static Arbitrary<List<String>> prefixed(String command, Arbitrary<List<String>> args) {
        return args.map(rest -> {
            List<String> argv = new ArrayList<>(List.of(command));
            argv.addAll(rest);
            return argv;
        });
    }

    @Provide
    Arbitrary<List<String>> runArguments() {
        return Arbitraries.frequencyOf(Tuple.of(2, arguments(RUN_FLAGS, Set.of("--template"))),
                Tuple.of(1, valid(RUN_FLAGS, Set.of("--template"))));
    }

    @Provide
    Arbitrary<List<String>> redriveArguments() {
        return Arbitraries.frequencyOf(Tuple.of(2, arguments(REDRIVE_FLAGS, Set.of("--queue-url", "--function"))),
                Tuple.of(1, valid(REDRIVE_FLAGS, Set.of("--queue-url", "--function"))));
    }

    /** Good values only, each flag (but those {@code needed}) present or not, apart or after '=', in any order. */
    private Arbitrary<List<String>> valid(List<String> flags, Set<String> needed) {
        List<Arbitrary<List<String>>> each = new ArrayList<>();
        for (String flag : flags) {
            each.add(Arbitraries.frequencyOf(
                    Tuple.of(needed.contains(flag) ? 0 : 1, Arbitraries.just(List.<String>of())),
                    Tuple.of(3, good(flag).map(v -> List.of(flag, v))),
                    Tuple.of(1, good(flag).map(v -> List.of(flag + "=" + v)))));
        }
        return shuffled(each);
    }

    private static Arbitrary<List<String>> shuffled(List<Arbitrary<List<String>>> pieces) {
        return Combinators.combine(pieces).as(all -> all).flatMap(Arbitraries::shuffle)
                .map(all -> all.stream().flatMap(List::stream).toList());
    }

    /**
     * Each flag absent, with a value (apart or after '='), or bare; in random order; now and then a piece of noise:
     * an unknown flag, a stray word, a flag again. The flags in {@code needed} mostly get a good value.
     */
    private Arbitrary<List<String>> arguments(List<String> flags, Set<String> needed) {
        List<Arbitrary<List<String>>> each = new ArrayList<>();
        for (String flag : flags) {
            Arbitrary<String> value = needed.contains(flag)
                    ? Arbitraries.frequencyOf(Tuple.of(6, good(flag)), Tuple.of(1, value(flag))) : value(flag);
            each.add(Arbitraries.frequencyOf(
                    Tuple.of(needed.contains(flag) ? 1 : 4, Arbitraries.just(List.<String>of())),
                    Tuple.of(needed.contains(flag) ? 12 : 4, value.map(v -> List.of(flag, v))),
                    Tuple.of(1, value.map(v -> List.of(flag + "=" + v))),
                    Tuple.of(1, Arbitraries.just(List.of(flag)))));
        }
        Arbitrary<List<String>> noise = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(List.<String>of())),
                Tuple.of(1, hostile().map(s -> List.of("--" + s, "1"))),
                Tuple.of(1, hostile().map(List::of)),
                Tuple.of(1, Arbitraries.of(flags).flatMap(f -> value(f).map(v -> List.of(f, v)))));
        each.add(noise);
        return shuffled(each);
    }

    /** A value {@code flag} takes. */
    private Arbitrary<String> good(String flag) {
        return switch (flag) {
            case "--sessions" -> Arbitraries.integers().between(1, 100_000).map(String::valueOf);
            case "--max-retries" -> Arbitraries.integers().between(0, 10_000).map(String::valueOf);
            case "--cold-rate", "--hot-rate" -> Arbitraries.doubles().between(0.1, 1000).ofScale(2).map(String::valueOf);
            case "--duration" -> Arbitraries.integers().between(1, 3600).map(s -> s + "s");
            case "--out" -> Arbitraries.of(BASE.resolve("out").toString(), BASE.toString());
            case "--template" -> Arbitraries.just(TEMPLATE.toString());
            case "--queue-url" -> Arbitraries.of("http://localhost:4566/000000000000/q", "https://h/1/q.fifo");
            case "--function" -> Arbitraries.of("router", "arn:aws:lambda:us-east-1:123456789012:function:f:1");
            default -> Arbitraries.of("http://127.0.0.1:4566", "https://example.test");
        };
    }

    /** A value for {@code flag}: often a good one, else anything. */
    private Arbitrary<String> value(String flag) {
        return Arbitraries.frequencyOf(Tuple.of(2, good(flag)), Tuple.of(1, numbers()), Tuple.of(1, paths()),
                Tuple.of(1, urls()), Tuple.of(1, hostile()));
    }

    private Arbitrary<String> numbers() {
        return Arbitraries.oneOf(Arbitraries.integers().map(String::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(18), BigInteger.TEN.pow(40)).map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("NaN", "-Infinity", "Infinity", "0x1p3", "1d", "1e9999999999", "1e-400", "-0", "+7",
                        " 5 ", "\u0663", "\uff15", "1_000", "", " ", "0.", ".5", "5e2", "9223372036854775808"),
                Arbitraries.integers().between(-5, 100_000).flatMap(n -> Arbitraries.of("", "ms", "s", "m", "h", "d",
                        "S", " s", "sec").map(unit -> n + unit)));
    }

    private Arbitrary<String> paths() {
        return Arbitraries.of(TEMPLATE.toString(), EVENT.toString(), PLAIN.toString(), BASE.toString(),
                BASE.resolve("missing").toString(), PLAIN.resolve("under-a-file").toString(), "/dev/null", "/",
                "a\u0000b", "./-x", "-", "--", "~", "");
    }

    private Arbitrary<String> urls() {
        return Arbitraries.of("http://", "http://:1", "http://h:99999", "ftp://h/1/q", "localhost:4566", "h/1/q",
                "http://user@h/1/q", "http://h/1/q?x", "http://[::1]:4566/1/q", "http://h_x/1/q", "HTTP://H/1/Q",
                "http://h/1/q/", "http://h//q", "https://h/1/" + "q".repeat(81), "http://%zz/1/q", "arn:aws:lambda:::");
    }

    private Arbitrary<String> hostile() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("\u0000\u001b\n\r\t\u202e\u200b'\"\\=- ").ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.of("9", "x", "\u00e9", "-").map(c -> c.repeat(10_000)));
    }

    private static void assertNamesTheProblem(String message, List<String> args, List<String> flags) {
        assertThat(message).as("no raw control character").doesNotContainPattern("[\\p{Cntrl}&&[^\\t]]");
        assertThat(message).hasSizeLessThan(1_000);
        boolean namesAFlag = flags.stream().anyMatch(message::contains) || message.contains("replay without FILE");
        boolean namesAnArgument = args.stream().anyMatch(a -> message.contains(prefix(Flags.shown(a))));
        assertThat(namesAFlag || namesAnArgument).as("names a flag or an argument: %s", message).isTrue();
    }

    private static String prefix(String shown) {
        return shown.substring(0, Math.min(shown.length(), 12));
    }

    private static String kind(String message) {
        return message.replaceAll("'.*", "").replaceAll("\\d+", "N").strip();
    }

    private static java.util.Optional<String> valueOf(List<String> args, String flag) {
        int i = args.indexOf(flag);
        return i >= 0 && i + 1 < args.size() ? java.util.Optional.of(args.get(i + 1)) : java.util.Optional.empty();
    }

    /** Every path under the base folder and the working folder, to see that nothing was created. */
    private static Set<String> files() {
        Set<String> all = new TreeSet<>();
        for (Path root : List.of(BASE, Path.of("").toAbsolutePath())) {
            try (Stream<Path> list = Files.list(root)) {
                list.forEach(p -> all.add(p.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }
}
