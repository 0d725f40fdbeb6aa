package dev.streampipe.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.streampipe.archfixture.adapter.AdapterClass;
import dev.streampipe.archfixture.core.ImpureCoreClass;
import dev.streampipe.archfixture.core.PureCoreClass;
import dev.streampipe.archfixture.layers.batch.LayerBatch;
import dev.streampipe.archfixture.layers.decode.LayerDecode;
import dev.streampipe.archfixture.layers.json.LayerJson;
import dev.streampipe.archfixture.layers.json.RecordAwareJson;
import dev.streampipe.archfixture.layers.record.LayerRecord;
import dev.streampipe.archfixture.layers.record.UpwardRecord;
import dev.streampipe.archfixture.layers.topology.LayerTopology;
import dev.streampipe.archfixture.layers.topology.internal.BatchAwareInternal;
import dev.streampipe.archfixture.layers.topology.internal.LayerCompiled;
import dev.streampipe.core.batch.BatchEngine;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.core.topology.internal.CompiledTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core is pure (docs/design.md §2): no class under {@code dev.streampipe.core} uses the AWS SDK, the
 * Lambda libraries, or any streampipe class outside the core (so none of a domain such as
 * {@code dev.streampipe.session} either). Nor do its sources name the session table's keys: a domain's key
 * prefixes live with the domain. And it is layered: {@code record} &lt;- {@code decode} &lt;- {@code topology}
 * &lt;- {@code batch}, each layer using only those before it, {@code json} a leaf every layer may use; a layer's
 * {@code internal} subpackage is part of the layer. Each rule is also run against deliberately bad fixtures, so
 * a rule that can no longer fail would be noticed.
 */
class ArchitectureTest {
    private static final String CORE = "dev.streampipe.core";

    /** A string literal that is, or starts with, a session-table key prefix, or the META sort key. */
    private static final Pattern SESSION_KEY_LITERAL =
            Pattern.compile("\"(?:SESSION#|TURN#|SUMMARY#)[^\"]*\"|\"META\"");

    /** No class under {@code root} depends on AWS, or on a streampipe class outside {@code root}. */
    static ArchRule pureCore(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat(resideInAnyPackage("software.amazon..", "com.amazonaws..")
                        .or(resideInAPackage("dev.streampipe..").and(not(resideInAPackage(root + "..")))))
                .because("the core is pure: AWS and the deployables' code stay in adapters around it");
    }

    /**
     * The core's layers under {@code root}: {@code record} uses none of the others but {@code json}; {@code decode}
     * only {@code record}; {@code topology} only those two; {@code batch} all three; {@code json} none. A layer is its
     * package and every subpackage ({@code topology.internal} is the topology). Dependencies on packages outside the
     * layers ({@code hotkey}, {@code summary}, the JDK) are not this rule's business.
     */
    static ArchRule layeredCore(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("json").definedBy(root + ".json..")
                .layer("record").definedBy(root + ".record..")
                .layer("decode").definedBy(root + ".decode..")
                .layer("topology").definedBy(root + ".topology..")
                .layer("batch").definedBy(root + ".batch..")
                .whereLayer("json").mayNotAccessAnyLayer()
                .whereLayer("record").mayOnlyAccessLayers("json")
                .whereLayer("decode").mayOnlyAccessLayers("record", "json")
                .whereLayer("topology").mayOnlyAccessLayers("decode", "record", "json")
                .whereLayer("batch").mayOnlyAccessLayers("topology", "decode", "record", "json")
                .because("the core is layered: record <- decode <- topology <- batch, json a leaf");
    }

    @Test
    void shouldKeepTheCorePureWhenCheckingItsMainClasses() {
        // GIVEN the core's main classes, without test classes
        JavaClasses core = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(CORE);

        // THEN the import holds the core's classes and none of the tests (or the rule would prove nothing) ...
        assertThat(core.contain(StreamEventDecoder.class)).isTrue();
        assertThat(core.contain(BatchEngine.class)).isTrue();
        assertThat(core.contain(Topology.class)).isTrue();
        assertThat(core.contain(ChangeRecord.class)).isTrue();
        assertThat(core.contain(ArchitectureTest.class)).isFalse();
        // ... and none of them depends on AWS or on streampipe code outside the core
        pureCore(CORE).check(core);
    }

    @Test
    void shouldReportEveryForbiddenDependencyWhenAClassBreaksTheRule() {
        // GIVEN a fixture class using a Lambda event, an SDK class and a streampipe class outside it, and a clean one
        JavaClasses fixtures = new ClassFileImporter().importClasses(ImpureCoreClass.class, PureCoreClass.class);

        // WHEN the same rule, rooted at the fixtures' package, is evaluated
        ArchRule rule = pureCore("dev.streampipe.archfixture.core");
        EvaluationResult result = rule.evaluate(fixtures);

        // THEN it reports each forbidden dependency of the impure class, and nothing of the pure one
        assertThat(result.hasViolation()).isTrue();
        List<String> details = result.getFailureReport().getDetails();
        assertThat(details).anySatisfy(d -> assertThat(d).contains(ImpureCoreClass.class.getName())
                .contains("com.amazonaws.services.lambda.runtime.events.DynamodbEvent"));
        assertThat(details).anySatisfy(d -> assertThat(d).contains("software.amazon.awssdk.core.SdkBytes"));
        assertThat(details).anySatisfy(d -> assertThat(d).contains(AdapterClass.class.getName()));
        assertThat(details).noneSatisfy(d -> assertThat(d).contains(PureCoreClass.class.getName()));
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the core is pure");
    }

    @Test
    void shouldNameNoSessionKeyWhenScanningTheCoresMainSources() {
        // GIVEN the core's main sources (Maven runs the tests in the module's folder)
        Path sources = Path.of("src", "main", "java");
        assertThat(sources.resolve("dev/streampipe/core")).isDirectory();

        // WHEN / THEN no line holds a session key literal
        assertThat(sessionKeyLiterals(sources)).as("session key literals in the core's main sources").isEmpty();
    }

    @Test
    void shouldReportFileAndLineWhenASourceNamesASessionKey() {
        // GIVEN a fixture source naming the session table's keys in literals (and once in a comment)
        Path fixtures = Path.of("src", "test", "resources", "dev", "streampipe", "archfixture", "domain");

        // WHEN it is scanned as the core's sources are
        List<String> found = sessionKeyLiterals(fixtures);

        // THEN each literal is reported with its file and line, and the comment is not
        String file = fixtures.resolve("NamesTheSessionTable.java.txt").toString();
        assertThat(found).containsExactly(
                file + ":6: \"SESSION#\"",
                file + ":10: \"TURN#%06d\"",
                file + ":14: \"META\"",
                file + ":14: \"SUMMARY#\"");
    }

    /** Every session key literal in the files under {@code root}, as {@code file:line: literal}, in file order. */
    static List<String> sessionKeyLiterals(Path root) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher literal = SESSION_KEY_LITERAL.matcher(lines.get(i));
                    while (literal.find()) {
                        found.add(file + ":" + (i + 1) + ": " + literal.group());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + root, e);
        }
        return found;
    }

    @Test
    void shouldKeepTheLayersWhenCheckingTheCoresMainClasses() {
        // GIVEN the core's main classes, the topology's internal package among them
        JavaClasses core = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(CORE);
        assertThat(core.contain(CompiledTopology.class)).isTrue();

        // THEN each layer uses only the layers before it
        layeredCore(CORE).check(core);
    }

    @Test
    void shouldReportEveryLayerBreachWhenAClassReachesUpOrALeafReadsALayer() {
        // GIVEN a miniature core: classes keeping to the layers, and three breaking them
        JavaClasses good = new ClassFileImporter().importClasses(LayerJson.class, LayerRecord.class,
                LayerDecode.class, LayerTopology.class, LayerCompiled.class, LayerBatch.class);
        JavaClasses all = new ClassFileImporter().importClasses(LayerJson.class, LayerRecord.class,
                LayerDecode.class, LayerTopology.class, LayerCompiled.class, LayerBatch.class, UpwardRecord.class,
                RecordAwareJson.class, BatchAwareInternal.class);
        ArchRule rule = layeredCore("dev.streampipe.archfixture.layers");

        // WHEN the rule, rooted at the fixtures' package, is evaluated on both
        EvaluationResult clean = rule.evaluate(good);
        EvaluationResult result = rule.evaluate(all);

        // THEN the good classes pass, and each breach is reported: upwards, from the leaf, from an internal package
        assertThat(clean.hasViolation()).as(clean.getFailureReport().toString()).isFalse();
        assertThat(result.hasViolation()).isTrue();
        List<String> details = result.getFailureReport().getDetails();
        assertThat(details).anySatisfy(d -> assertThat(d).contains(UpwardRecord.class.getName())
                .contains(LayerTopology.class.getName()));
        assertThat(details).anySatisfy(d -> assertThat(d).contains(RecordAwareJson.class.getName())
                .contains(LayerRecord.class.getName()));
        assertThat(details).anySatisfy(d -> assertThat(d).contains(BatchAwareInternal.class.getName())
                .contains(LayerBatch.class.getName()));
        assertThatThrownBy(() -> rule.check(all)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the core is layered");
    }
}
