package dev.streampipe.session;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The session domain is plain Java: its classes use the JDK and each other only, so both
 * functions can depend on it without pulling in anything else.
 */
class ArchitectureTest {

    @Test
    void shouldDependOnTheJdkOnlyWhenCheckingTheMainClasses() {
        // GIVEN the session domain's main classes, without test classes
        JavaClasses session = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.streampipe.session");

        // THEN the import holds the domain's classes (or the rule would prove nothing) ...
        assertThat(session.contain(SessionKeys.class)).isTrue();
        assertThat(session.contain(SummaryWindow.class)).isTrue();
        assertThat(session.contain(ArchitectureTest.class)).isFalse();
        // ... and they depend on nothing but the JDK and the domain itself
        classes().that().resideInAPackage("dev.streampipe.session..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.streampipe.session..")
                .because("the session domain is shared by both functions and must not drag anything into them")
                .check(session);
    }
}
