package dev.streampipe.router;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.streampipe.archfixture.router.InternalCaller;
import dev.streampipe.archfixture.router.PublicCaller;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The router function is built on the library's public API, as a user's function would be: no class under
 * {@code dev.streampipe.router} depends on a streampipe {@code internal} package
 * ({@code dev.streampipe..internal..}). The rule is also run against a deliberately bad fixture, so a rule that
 * can no longer fail would be noticed.
 */
class PublicApiOnlyTest {
    private static final String ROOT = "dev.streampipe.router";

    /** No class under {@code root} depends on a class of a streampipe {@code internal} package. */
    static ArchRule publicApiOnly(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAPackage("dev.streampipe..internal..")
                .because("our functions are built on the public API, like a user's");
    }

    @Test
    void shouldUseThePublicApiOnlyWhenCheckingTheModulesMainClasses() {
        // GIVEN the module's main classes, without test classes
        JavaClasses main = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(ROOT);

        // THEN the import holds the module's classes and none of its tests (or the rule would prove nothing) ...
        assertThat(main.contain(RouterWiring.class)).isTrue();
        assertThat(main.contain(PublicApiOnlyTest.class)).isFalse();
        // ... and none of them depends on an internal package
        publicApiOnly(ROOT).check(main);
    }

    @Test
    void shouldReportEveryInternalDependencyWhenAClassBreaksTheRule() {
        // GIVEN a fixture class calling internal packages, and a clean one
        JavaClasses fixtures = new ClassFileImporter().importClasses(InternalCaller.class, PublicCaller.class);

        // WHEN the same rule, rooted at the fixtures' package, is evaluated
        ArchRule rule = publicApiOnly("dev.streampipe.archfixture.router");
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
