package dev.streampipe.system.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.streampipe.archfixture.deployable.InternalCaller;
import dev.streampipe.archfixture.deployable.PublicCaller;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our functions and examples are built on the library's public API, as a user's function would be: no main class of
 * the router function, the summary function, the orders example or the docs' snippets depends on a streampipe
 * {@code internal} package ({@code dev.streampipe..internal..}). The rule is also run against a deliberately bad
 * fixture, so a rule that can no longer fail would be noticed.
 */
class PublicApiOnlyTest {
    /** The packages of the modules built like a user's: router-function, summary-function, examples/. */
    private static final String[] USER_SIDE = {"dev.streampipe.router..", "dev.streampipe.summary..",
        "dev.streampipe.examples.."};

    /** No class in {@code packages} depends on a class of a streampipe {@code internal} package. */
    static ArchRule publicApiOnly(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAPackage("dev.streampipe..internal..")
                .because("our functions and examples are built on the public API, like a user's");
    }

    @Test
    void shouldUseThePublicApiOnlyWhenCheckingTheFunctionsAndExamples() {
        // GIVEN the main classes of both functions, the orders example and the docs' snippets, without test classes
        JavaClasses main = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.streampipe.router", "dev.streampipe.summary", "dev.streampipe.examples");

        // THEN the import holds each module's handler and none of the tests (or the rule would prove nothing) ...
        assertThat(main.contain("dev.streampipe.router.RouterHandler")).isTrue();
        assertThat(main.contain("dev.streampipe.summary.SummaryHandler")).isTrue();
        assertThat(main.contain("dev.streampipe.examples.orders.OrdersHandler")).isTrue();
        assertThat(main.contain("dev.streampipe.examples.snippets.inventory.InventoryTopology")).isTrue();
        assertThat(main.contain(PublicApiOnlyTest.class)).isFalse();
        // ... and none of them depends on an internal package
        publicApiOnly(USER_SIDE).check(main);
    }

    @Test
    void shouldReportEveryInternalDependencyWhenAClassBreaksTheRule() {
        // GIVEN a fixture class calling internal packages, and a clean one
        JavaClasses fixtures = new ClassFileImporter().importClasses(InternalCaller.class, PublicCaller.class);

        // WHEN the same rule, rooted at the fixtures' package, is evaluated
        ArchRule rule = publicApiOnly("dev.streampipe.archfixture.deployable..");
        EvaluationResult result = rule.evaluate(fixtures);

        // THEN it reports each internal class the bad one uses, and nothing of the clean one
        assertThat(result.hasViolation()).isTrue();
        List<String> details = result.getFailureReport().getDetails();
        assertThat(details).anySatisfy(d -> assertThat(d).contains(InternalCaller.class.getName())
                .contains("dev.streampipe.aws.internal.Utf8"));
        assertThat(details).anySatisfy(d -> assertThat(d).contains(InternalCaller.class.getName())
                .contains("dev.streampipe.core.topology.internal.CompiledTopology"));
        assertThat(details).noneSatisfy(d -> assertThat(d).contains(PublicCaller.class.getName()));
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("built on the public API");
    }
}
