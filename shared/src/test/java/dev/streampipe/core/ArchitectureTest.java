package dev.streampipe.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
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
import dev.streampipe.core.batch.BatchEngine;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The core is pure (docs/design.md §2): no class under {@code dev.streampipe.core} uses the AWS SDK, the
 * Lambda libraries, or any streampipe class outside the core. The rule is also run against a deliberately impure
 * fixture, so a rule that can no longer fail would be noticed.
 */
class ArchitectureTest {
    private static final String CORE = "dev.streampipe.core";

    /** No class under {@code root} depends on AWS, or on a streampipe class outside {@code root}. */
    static ArchRule pureCore(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat(resideInAnyPackage("software.amazon..", "com.amazonaws..")
                        .or(resideInAPackage("dev.streampipe..").and(not(resideInAPackage(root + "..")))))
                .because("the core is pure: AWS and the deployables' code stay in adapters around it");
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
}
