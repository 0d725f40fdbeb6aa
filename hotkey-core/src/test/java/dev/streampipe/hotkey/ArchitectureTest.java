package dev.streampipe.hotkey;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.streampipe.archfixture.hotkey.PlainEngineClass;
import dev.streampipe.archfixture.hotkey.SdkInEngineClass;
import dev.streampipe.archfixture.hotkey.client.SdkInClientClass;
import dev.streampipe.hotkey.advice.ThroughputAdvisor;
import dev.streampipe.hotkey.alert.AlertLoop;
import dev.streampipe.hotkey.client.HotKeyInterceptor;
import dev.streampipe.hotkey.internal.TableState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only the client detector ({@code dev.streampipe.hotkey.client}) uses the AWS SDK: the engine, its internals, its
 * alerting and the advice are plain Java, usable without the SDK. The rule is also run against deliberately bad
 * fixtures, so a rule that can no longer fail would be noticed.
 */
class ArchitectureTest {
    private static final String HOTKEY = "dev.streampipe.hotkey";

    /** No class under {@code root}, except under {@code root.client}, depends on AWS. */
    static ArchRule noAwsOutsideClient(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".client..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .because("only the client detector uses the AWS SDK; the engine, its alerting and advice stay plain Java");
    }

    @Test
    void shouldKeepTheAwsSdkInTheClientPackageWhenCheckingTheMainClasses() {
        // GIVEN the module's main classes, without test classes
        JavaClasses hotkey = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(HOTKEY);

        // THEN the import holds every package's classes and none of the tests (or the rule would prove nothing) ...
        assertThat(hotkey.contain(HotKeyEngine.class)).isTrue();
        assertThat(hotkey.contain(TableState.class)).isTrue();
        assertThat(hotkey.contain(AlertLoop.class)).isTrue();
        assertThat(hotkey.contain(ThroughputAdvisor.class)).isTrue();
        assertThat(hotkey.contain(HotKeyInterceptor.class)).isTrue();
        assertThat(hotkey.contain(ArchitectureTest.class)).isFalse();
        // ... and nothing outside .client depends on AWS
        noAwsOutsideClient(HOTKEY).check(hotkey);
    }

    @Test
    void shouldReportEverySdkDependencyOutsideClientWhenAClassBreaksTheRule() {
        // GIVEN a fixture class using two SDK classes, a plain one, and one using the SDK inside .client
        JavaClasses fixtures = new ClassFileImporter()
                .importClasses(SdkInEngineClass.class, PlainEngineClass.class, SdkInClientClass.class);

        // WHEN the same rule, rooted at the fixtures' package, is evaluated
        ArchRule rule = noAwsOutsideClient("dev.streampipe.archfixture.hotkey");
        EvaluationResult result = rule.evaluate(fixtures);

        // THEN it reports each SDK dependency of the bad class, and nothing of the plain or the client one
        assertThat(result.hasViolation()).isTrue();
        List<String> details = result.getFailureReport().getDetails();
        assertThat(details).anySatisfy(d -> assertThat(d).contains(SdkInEngineClass.class.getName())
                .contains("software.amazon.awssdk.core.SdkBytes"));
        assertThat(details).anySatisfy(d -> assertThat(d)
                .contains("software.amazon.awssdk.services.dynamodb.model.AttributeValue"));
        assertThat(details).noneSatisfy(d -> assertThat(d).contains(PlainEngineClass.class.getName()));
        assertThat(details).noneSatisfy(d -> assertThat(d).contains(SdkInClientClass.class.getName()));
        assertThatThrownBy(() -> rule.check(fixtures)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("only the client detector uses the AWS SDK");
    }
}
