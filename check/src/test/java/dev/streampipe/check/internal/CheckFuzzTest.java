package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.check.CheckCommand;
import dev.streampipe.check.ReportFormat;
import dev.streampipe.check.Templates;
import dev.streampipe.check.internal.TemplateMutator.Kind;
import dev.streampipe.check.internal.TemplateMutator.Mutation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Property tests of {@code check} over randomly damaged templates: this repository's {@code template.yaml}, the
 * rule tests' clean template, and the three public templates {@link PublicTemplatesTest} checks. Whatever the
 * damage (to the text: truncation, junk, lines moved, hostile characters, UTF-16; or to the tree: a value of
 * another type, a list for a map, a key deleted, null, nesting 130 deep, intrinsics good and bad), {@code check}
 * exits 0, 1 or 2, throws nothing, prints no stack trace and writes either a report or one error line. A setting
 * it judges, given a value Lambda rejects (directly or as its parameter's default), yields a finding naming that
 * setting, or exit 2. Every random choice comes from jqwik's generated values: a failure prints its seed and its
 * shrunk sample, and {@code @Property(seed = "...")} replays it.
 */
class CheckFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Source> SOURCES = new ArrayList<>();
    private static final Path DIR;

    /** A template to damage: its name, its text, and its tree as check reads it. */
    private record Source(String name, String text, JsonNode tree) {
    }

    /** Exit code, standard output and error of one run. */
    private record Run(int code, String out, String err) {
    }

    /** Where a setting lives: the node holding it, and which settings check reads there. */
    private record Mapping(ObjectNode settings, List<MappingSetting> which) {
    }

    static {
        try {
            DIR = Files.createTempDirectory("check-fuzz");
            add("template.yaml", Path.of(System.getProperty("streampipe.root", "..")).resolve("template.yaml"));
            add("clean.yaml", Files.writeString(DIR.resolve("clean.yaml"), Templates.CLEAN));
            for (String name : List.of("shopping-cart-service.yaml", "dynamodb-streams-lambda-event-filters.yaml",
                    "dynamodb-lambda.json")) {
                add(name, Path.of(Objects.requireNonNull(CheckFuzzTest.class.getResource("/check/public/" + name))
                        .toURI()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(String name, Path file) {
        SOURCES.add(new Source(name, InputText.read(file, "template"), TemplateInput.read(file).root()));
    }

    @AfterContainer
    static void deleteFiles() throws IOException {
        try (var files = Files.list(DIR)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(DIR);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.longs()).as(Mutation::new);
    }

    @Provide
    Arbitrary<Integer> sources() {
        return Arbitraries.integers().between(0, SOURCES.size() - 1);
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void shouldExitZeroOneOrTwoWithoutATraceWhateverTheDamage(@ForAll("sources") int source,
                                                              @ForAll("mutations") Mutation mutation,
                                                              @ForAll ReportFormat format) throws IOException {
        // GIVEN a damaged copy of one template
        Source original = SOURCES.get(source);
        byte[] damaged = TemplateMutator.mutate(original.text(), original.tree(), mutation);

        // WHEN
        Run run = run(damaged, original.name(), format);

        // THEN
        assertThat(run.code()).as(run.err()).isIn(0, 1, 2);
        assertThat(run.err()).doesNotContain("\tat ", "java.", "its own bug");
        if (run.code() == 2) {
            assertThat(run.err()).startsWith("error: ").hasLineCount(1);
            assertThat(run.out()).isEmpty();
        } else {
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).endsWith("\n");
            if (format != ReportFormat.TEXT) {
                assertThat(JSON.readTree(run.out()).isObject()).isTrue();
            }
        }
        Statistics.label("damage").collect(mutation.kind().onTree() ? "tree" : "text");
        Statistics.label("exit").collect(run.code());
    }

    @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
    void shouldNameAnInvalidSettingOrExitTwo(@ForAll("sources") int source, @ForAll int mapping, @ForAll int setting,
                                             @ForAll int value, @ForAll boolean asParameterDefault) throws IOException {
        // GIVEN one setting check judges, in one mapping of one template, set to a value Lambda rejects
        Source original = SOURCES.get(source);
        JsonNode tree = original.tree().deepCopy();
        List<Mapping> mappings = mappings(tree);
        Mapping target = mappings.get(Math.floorMod(mapping, mappings.size()));
        MappingSetting judged = target.which().get(Math.floorMod(setting, target.which().size()));
        String how = set(tree, target.settings(), judged, TemplateMutator.invalidSettingValue(value), asParameterDefault);

        // WHEN
        Run run = run(tree.toString().getBytes(StandardCharsets.UTF_8), original.name(), ReportFormat.JSON);

        // THEN
        assertThat(run.code()).as(run.err()).isIn(1, 2);
        if (run.code() == 1) {
            assertThat(JSON.readTree(run.out()).path("findings")).as(judged + " " + how)
                    .anySatisfy(f -> assertThat(f.path("message").asText()).contains(judged.property()));
        }
        Statistics.label("set").collect(how);
        Statistics.label("exit").collect(run.code());
    }

    /** Sets {@code setting} in {@code settings}, or the default of the parameter its value refers to; says which. */
    private static String set(JsonNode tree, ObjectNode settings, MappingSetting setting, JsonNode value,
                              boolean asParameterDefault) {
        String[] path = setting.property().split("\\.");
        ObjectNode parent = settings;
        for (int i = 0; i < path.length - 1; i++) {
            if (!parent.path(path[i]).isObject()) {
                parent.putObject(path[i]);
            }
            parent = (ObjectNode) parent.get(path[i]);
        }
        String leaf = path[path.length - 1];
        JsonNode parameter = tree.path("Parameters").path(parent.path(leaf).path("Ref").asText());
        if (asParameterDefault && parameter.has("Default")) {
            ((ObjectNode) parameter).set("Default", value);
            return "parameter default";
        }
        parent.set(leaf, value);
        return "literal";
    }

    /** Every DynamoDB stream mapping (SAM event) and pipe of a template, with the settings check reads there. */
    private static List<Mapping> mappings(JsonNode tree) {
        List<Mapping> mappings = new ArrayList<>();
        tree.path("Resources").forEach(resource -> {
            switch (resource.path("Type").asText()) {
                case "AWS::Serverless::Function" -> resource.path("Properties").path("Events").forEach(event -> {
                    if (event.path("Type").asText().equals("DynamoDB")) {
                        mappings.add(new Mapping((ObjectNode) event.get("Properties"), MappingSetting.OF_MAPPING));
                    }
                });
                case "AWS::Lambda::EventSourceMapping" -> mappings.add(new Mapping(
                        (ObjectNode) resource.get("Properties"), MappingSetting.OF_MAPPING));
                case "AWS::Pipes::Pipe" -> mappings.add(new Mapping((ObjectNode) resource.get("Properties")
                        .withObjectProperty("SourceParameters").withObjectProperty("DynamoDBStreamParameters"), MappingSetting.OF_PIPE));
                default -> {
                    // not a stream mapping
                }
            }
        });
        assertThat(mappings).as("mappings in the source").isNotEmpty();
        return mappings;
    }

    private static Run run(byte[] template, String name, ReportFormat format) throws IOException {
        Path file = Files.write(DIR.resolve("fuzz-" + name), template);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CheckCommand.run(new String[] {file.toString(), "--format", format.name().toLowerCase()},
                new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }
}
