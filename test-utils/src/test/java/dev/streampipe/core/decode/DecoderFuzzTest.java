package dev.streampipe.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.core.batch.BatchEngine;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.decode.JsonMutator.Kind;
import dev.streampipe.core.decode.JsonMutator.Mutation;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.KeySchema;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.Predicates;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.InMemoryDeadLetterSink;
import dev.streampipe.testing.InMemorySink;
import dev.streampipe.testing.ManualClock;
import dev.streampipe.testing.PipelineTestDriver;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests of the decoder and the batch engine behind it, over randomly damaged copies of the sample events:
 * the mixed batch plus the streams shaped unlike ours (another key schema, KEYS_ONLY / NEW_IMAGE / OLD_IMAGE,
 * optional fields absent, null-member attribute values, a tumbling window). Whatever the damage, the engine never
 * throws, every decodable record takes the multicast route once, and a record a branch cannot serve is dead-lettered
 * for that route only.
 * Every random choice comes from jqwik's generated values: a failure prints its seed and its shrunk sample, and
 * {@code @Property(seed = "...")} replays it.
 */
class DecoderFuzzTest {
    private static final StreamEventDecoder DECODER = new StreamEventDecoder();
    private static final List<JsonNode> RECORDS = new ArrayList<>();
    private static final List<byte[]> RECORD_TEXTS = new ArrayList<>();
    private static final List<ChangeRecord> ORIGINAL;
    private static final Topology TOPOLOGY;
    private static final ManualClock CLOCK = ManualClock.at("2026-11-20T15:00:00Z");

    /** Sample events whose records are mutated: ours, and streams shaped unlike ours. */
    static final List<String> SOURCES = List.of("mixed-batch.json", "table-keyed-id-number.json",
            "keys-only-stream.json", "new-image-stream.json", "old-image-stream.json", "optional-fields-absent.json",
            "null-member-attribute-values.json", "tumbling-window.json");

    static {
        for (String file : SOURCES) {
            EventJson.tree(PipelineTestDriver.event(file)).get("Records").forEach(RECORDS::add);
        }
        RECORDS.forEach(r -> RECORD_TEXTS.add(JsonMutator.serialize(r).getBytes(StandardCharsets.UTF_8)));
        ORIGINAL = DECODER.decode(event(RECORD_TEXTS)).records();
        Predicates on = Predicates.forSchema(KeySchema.DEFAULT);
        // Branches like the session topology's: they need images and read typed attributes, so damage can make a
        // record poison for one of them (missing image, wrong type, missing attribute) and never for the multicast.
        TOPOLOGY = Topology.builder()
                .multicast(Route.named("all").to("everything").mapping(r -> Optional.of(Payload.of(r.eventId()))))
                .split("by-sort-key")
                .branch(on.sortKeyPrefix("TURN#"), Route.named("turns").to("turns").needsNewImage()
                        .mapping(r -> Optional.of(Payload.of(Long.toString(r.newImage().orElseThrow()
                                .number("turn_number").orElseThrow(() -> new PoisonRecordException("no turn_number"))
                                .longValue())))))
                .branch(on.sortKeyEquals("META"), Route.named("meta").to("meta").needsNewImage()
                        .mapping(r -> Optional.of(Payload.of(r.newImage().orElseThrow().string("status")
                                .orElse("none")))))
                .defaultBranch(Route.named("other").none())
                // A split whose predicate reads image attributes: damage there rejects the record for this split.
                .split("by-status")
                .branch(Predicates.attributeChanged("status"), Route.named("status-changes").none())
                .noDefaultBranch()
                .build();
    }

    @Provide
    Arbitrary<Map<Integer, List<Mutation>>> mutationPlans() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 100_000), Arbitraries.longs()).as(Mutation::new);
        return Arbitraries.maps(Arbitraries.integers().between(0, RECORDS.size() - 1),
                mutation.list().ofMinSize(1).ofMaxSize(3)).ofMinSize(1).ofMaxSize(5);
    }

    // Edge cases off: for this generator they are the first and last mutation kinds and targets 0 and 100,000.
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void shouldIsolateEachDamagedRecordWhenRecordsOfTheSampleStreamsAreMutated(
            @ForAll("mutationPlans") Map<Integer, List<Mutation>> plan) {
        // GIVEN the records of the sample streams (SOURCES) with 1..5 of them damaged at random places
        List<byte[]> texts = new ArrayList<>(RECORD_TEXTS);
        Map<Integer, JsonNode> mutated = new TreeMap<>();
        plan.forEach((i, mutations) -> {
            JsonNode record = RECORDS.get(i).deepCopy();
            for (Mutation m : mutations) {
                record = JsonMutator.mutate(record, m);
            }
            mutated.put(i, record);
            texts.set(i, JsonMutator.serialize(record).getBytes(StandardCharsets.UTF_8));
        });
        byte[] event = event(texts);

        // WHEN it is decoded (an exception of any kind fails the property)
        DecodedBatch batch = DECODER.decode(event);

        // THEN every record has one outcome carrying its exact text; untouched records decode as before;
        // damaged ones decode, or are malformed with a message naming the record and a field
        assertThat(batch.outcomes()).extracting(DecodeOutcome::index).containsExactlyElementsOf(indices(texts.size()));
        List<String> problems = new ArrayList<>();
        for (DecodeOutcome o : batch.outcomes()) {
            int i = o.index();
            if (!Arrays.equals(o.raw().toBytes(), texts.get(i))) {
                problems.add("record " + i + ": raw text differs: " + o.raw().json());
            }
            if (!mutated.containsKey(i)) {
                if (!(o instanceof DecodeOutcome.Decoded d && d.record().equals(ORIGINAL.get(i)))) {
                    problems.add("untouched record " + i + " decodes differently: " + o);
                }
                continue;
            }
            if (o instanceof DecodeOutcome.Malformed m) {
                assertNamesRecordAndField(m, i, mutated.get(i).isObject());
            }
            assertDecodesAloneTheSameWay(texts.get(i), o);
            Statistics.label("damaged records").collect(o instanceof DecodeOutcome.Malformed ? "malformed" : "decoded");
        }
        assertThat(problems).isEmpty();

        // ... and the same event through a batch engine: good records reach the sinks once, malformed ones are
        // dead-lettered with their reason, and nothing is left to retry
        assertPipelineHandlesEveryRecord(batch);
    }

    @Provide
    Arbitrary<String> sampleFiles() {
        return Arbitraries.of("turn-insert.json", "ttl-remove.json", "meta-status-change.json",
                "batch-with-malformed-record.json", "mixed-batch.json", "table-keyed-id-number.json",
                "keys-only-stream.json", "optional-fields-absent.json", "null-member-attribute-values.json",
                "tumbling-window.json");
    }

    @Provide
    Arbitrary<List<ByteCorruption>> corruptions() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 2_000_000),
                        Arbitraries.integers().between(0, 255), Arbitraries.integers().between(1, 64))
                .as(ByteCorruption::new).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 300)
    void shouldDecodeOrThrowMalformedEventExceptionWhenTheBytesAreCorrupted(
            @ForAll("sampleFiles") String file, @ForAll("corruptions") List<ByteCorruption> corruptions) {
        // GIVEN a sample event damaged byte by byte
        byte[] bytes = EventJson.bytes(PipelineTestDriver.event(file));
        for (ByteCorruption c : corruptions) {
            bytes = c.applyTo(bytes);
        }

        // WHEN it is decoded
        DecodedBatch batch;
        try {
            batch = DECODER.decode(bytes);
        } catch (MalformedEventException e) {
            Statistics.label("event").collect("refused");
            // THEN either the event as a whole is refused, with a message ...
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        Statistics.label("event").collect(batch.malformed().isEmpty() ? "decoded" : "decoded with malformed records");
        // ... or every record has an outcome, each malformed one naming its record, and the pipeline takes them all
        assertThat(batch.outcomes()).extracting(DecodeOutcome::index).containsExactlyElementsOf(indices(batch.size()));
        for (DecodeOutcome.Malformed m : batch.malformed()) {
            assertThat(m.field()).startsWith("Records[" + m.index() + "]");
            assertThat(m.message()).contains(m.field());
        }
        assertPipelineHandlesEveryRecord(batch);
    }

    private static void assertNamesRecordAndField(DecodeOutcome.Malformed m, int index, boolean stillAnObject) {
        String record = "Records[" + index + "]";
        assertThat(m.message()).contains("record " + index, record, m.field(), m.reason());
        assertThat(m.reason()).isNotBlank();
        if (stillAnObject) {
            assertThat(m.field()).as("a field of the record").startsWith(record + ".");
        } else {
            assertThat(m.field()).isEqualTo(record);
        }
    }

    /** A record's outcome does not depend on its neighbours: alone in an event it comes out the same. */
    private static void assertDecodesAloneTheSameWay(byte[] text, DecodeOutcome inBatch) {
        DecodeOutcome alone = DECODER.decode(event(List.of(text))).outcomes().get(0);
        assertThat(alone.getClass()).isEqualTo(inBatch.getClass());
        if (alone instanceof DecodeOutcome.Decoded d) {
            assertThat(view(d.record())).isEqualTo(view(((DecodeOutcome.Decoded) inBatch).record()));
        } else {
            DecodeOutcome.Malformed a = (DecodeOutcome.Malformed) alone;
            DecodeOutcome.Malformed b = (DecodeOutcome.Malformed) inBatch;
            assertThat(a.reason()).isEqualTo(b.reason());
            assertThat(a.field().substring("Records[0]".length()))
                    .isEqualTo(b.field().substring(("Records[" + b.index() + "]").length()));
        }
    }

    /**
     * A record as comparable values, with each unreadable image attribute as its error (the record's place in the
     * batch cut out): {@code ChangeRecord.equals} would throw on reading one.
     */
    private static List<Object> view(ChangeRecord r) {
        return Arrays.asList(r.eventId(), r.eventName(), r.sequenceNumber(), r.approximateCreationTime(),
                r.sizeBytes(), r.keys(), imageView(r.newImage()), imageView(r.oldImage()), r.streamViewType(),
                r.userIdentity(), r.eventSourceArn(), r.awsRegion());
    }

    private static Object imageView(Optional<Item> image) {
        if (image.isEmpty()) {
            return "absent";
        }
        Map<String, String> attributes = new TreeMap<>();
        try {
            for (String name : image.get().names()) {
                try {
                    attributes.put(name, String.valueOf(image.get().get(name).orElseThrow()));
                } catch (InvalidAttributeException e) {
                    attributes.put(name, "unreadable: " + e.getMessage().replaceFirst("^Records\\[\\d+]", ""));
                }
            }
        } catch (InvalidAttributeException e) {
            return "unreadable: " + e.getMessage().replaceFirst("^Records\\[\\d+]", "");
        }
        return attributes;
    }

    /** Runs the decoded batch through a batch engine with in-memory sinks, and checks what became of each record. */
    private static void assertPipelineHandlesEveryRecord(DecodedBatch batch) {
        Map<String, Sink> sinks = new LinkedHashMap<>();
        for (String name : TOPOLOGY.sinks()) {
            sinks.put(name, new InMemorySink(name));
        }
        InMemoryDeadLetterSink deadLetters = new InMemoryDeadLetterSink();
        BatchEngine engine = BatchEngine.builder(TOPOLOGY).sinks(sinks).deadLetters(deadLetters).executor(Runnable::run)
                .build();

        BatchResult result = engine.process(batch, Deadline.after(Duration.ofMinutes(5), CLOCK));

        assertThat(result.batchItemFailures()).isEmpty();
        assertThat(result.records()).isEqualTo(batch.size());
        Set<Integer> decoded = new TreeSet<>();
        Set<Integer> turns = new TreeSet<>();
        Set<Integer> metas = new TreeSet<>();
        for (DecodeOutcome o : batch.outcomes()) {
            if (o instanceof DecodeOutcome.Decoded d) {
                decoded.add(d.index());
                Optional<String> sk = KeySchema.DEFAULT.sortKeyOf(d.record());
                if (sk.filter(s -> s.startsWith("TURN#")).isPresent()) {
                    turns.add(d.index());
                } else if (sk.filter("META"::equals).isPresent()) {
                    metas.add(d.index());
                }
            }
        }
        assertThat(countByRecord(sinks.get("everything")))
                .as("every decodable record takes the multicast route exactly once")
                .isEqualTo(decoded.stream().collect(Collectors.toMap(Function.identity(), i -> 1L)));

        Map<String, DeadLetter> letters = new TreeMap<>();
        for (DeadLetter l : deadLetters.letters()) {
            assertThat(letters.put(l.recordIndex() + "#" + l.routeOrNull(), l)).as("one letter per (record, route)").isNull();
            assertThat(l.routeOrNull()).as("only a branch or split, never the multicast, rejects a decodable record")
                    .isIn(null, "turns", "meta", "by-status");
        }
        assertThat(result.deadLettered()).isEqualTo(letters.size());
        letters.values().forEach(l -> Statistics.label("dead letters").collect(
                l.routeOrNull() == null ? "whole record" : "route " + l.routeOrNull()));
        // each record a branch took is either delivered there or dead-lettered for that branch, never both
        assertDeliveredOrDeadLettered(sinks.get("turns"), turns, "turns", deadLetters);
        assertDeliveredOrDeadLettered(sinks.get("meta"), metas, "meta", deadLetters);

        Set<Integer> wholeRecordLetters = deadLetters.letters().stream().filter(l -> l.routeOrNull() == null)
                .map(DeadLetter::recordIndex).collect(Collectors.toCollection(TreeSet::new));
        assertThat(wholeRecordLetters).isEqualTo(batch.malformed().stream().map(DecodeOutcome::index)
                .collect(Collectors.toCollection(TreeSet::new)));
        for (DecodeOutcome.Malformed m : batch.malformed()) {
            DeadLetter letter = letters.get(m.index() + "#null");
            assertThat(letter.reason()).contains(m.message());
            assertThat(letter.raw().toBytes()).isEqualTo(m.raw().toBytes());
            assertThat(letter.eventIdOrNull()).isEqualTo(m.eventIdOrNull());
            assertThat(letter.sequenceNumberOrNull()).isEqualTo(m.sequenceNumberOrNull());
        }
    }

    private static void assertDeliveredOrDeadLettered(Sink sink, Set<Integer> taken, String route,
                                                      InMemoryDeadLetterSink deadLetters) {
        Set<Integer> delivered = countByRecord(sink).keySet();
        Set<Integer> rejected = deadLetters.letters().stream().filter(l -> route.equals(l.routeOrNull()))
                .map(DeadLetter::recordIndex).collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> overlap = new TreeSet<>(delivered);
        overlap.retainAll(rejected);
        assertThat(overlap).as(route + ": delivered and rejected are apart").isEmpty();
        Set<Integer> both = new TreeSet<>(delivered);
        both.addAll(rejected);
        assertThat(both).as(route + ": every record it took is delivered or dead-lettered").isEqualTo(taken);
    }

    private static Map<Integer, Long> countByRecord(Sink sink) {
        return ((InMemorySink) sink).messages().stream()
                .collect(Collectors.groupingBy(Message::recordIndex, TreeMap::new, Collectors.counting()));
    }

    private static byte[] event(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(records.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static List<Integer> indices(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
