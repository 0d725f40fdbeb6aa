package dev.streampipe.aws.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.streampipe.testing.PipelineTestDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Product modules never run on test fixtures: no module of the build but the tools below and the fixtures' modules
 * themselves ({@code streampipe-test-utils}, {@code streampipe-test-aws}, which builds on the other) depends on the
 * fixtures' modules or on a test-jar (type {@code test-jar} or classifier {@code tests}) outside the test scope, and
 * no product class refers to the fixtures' packages ({@code dev.streampipe.testing..}: the test drivers, the loopback
 * endpoint, the moto and DynamoDB Local launchers for tests).
 */
@Tag("needs-repo") // reads the repository's POMs
class ProductDependenciesTest {
    /**
     * Tools that are not shipped: {@code bench}'s router harnesses use the loopback AWS endpoint as their workload
     * (docs/design.md §2, tools).
     */
    private static final Set<String> TOOLS = Set.of("bench");
    /** The modules holding the test fixtures: shipped for tests, so used at test scope only. */
    private static final Set<String> FIXTURES = Set.of("streampipe-test-utils", "streampipe-test-aws");

    @Test
    void shouldDependOnTestFixturesOnlyAtTestScopeWhenAModuleIsAProduct() throws Exception {
        // GIVEN every module of the root POM and the scopes the root manages
        Path root = PipelineTestDriver.eventsDir().getParent();
        Document parent = read(root.resolve("pom.xml"));
        Map<String, String> managedScopes = new HashMap<>();
        for (Element d : dependencies(parent, "dependencyManagement")) {
            managedScopes.put(key(d), text(d, "scope"));
        }
        List<String> modules = new ArrayList<>();
        NodeList names = parent.getElementsByTagName("module");
        for (int i = 0; i < names.getLength(); i++) {
            modules.add(names.item(i).getTextContent().trim());
        }
        assertThat(modules).contains("shared", "test-utils", "test-aws", "streampipe-aws", "router-function",
                "examples/orders");

        // WHEN each product module's dependencies on the fixtures' modules and on test-jars are collected with their
        // effective scope
        List<String> offending = new ArrayList<>();
        for (String module : modules) {
            Document pom = read(root.resolve(module).resolve("pom.xml"));
            if (TOOLS.contains(module) || FIXTURES.contains(text(pom.getDocumentElement(), "artifactId"))) {
                continue;
            }
            for (Element d : dependencies(pom, null)) {
                boolean fixture = "test-jar".equals(text(d, "type")) || "tests".equals(text(d, "classifier"))
                        || FIXTURES.contains(text(d, "artifactId"));
                String scope = text(d, "scope") != null ? text(d, "scope")
                        : managedScopes.getOrDefault(key(d), "compile");
                if (fixture && !"test".equals(scope)) {
                    offending.add(module + " -> " + text(d, "artifactId") + " (scope " + scope + ")");
                }
            }
        }

        // THEN there is none
        assertThat(offending).as("product modules depending on test fixtures outside the test scope").isEmpty();
    }

    @Test
    void shouldReferToNoTestFixtureWhenAClassIsProductCode() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.streampipe");
        noClasses().that().resideInAnyPackage("dev.streampipe.aws..", "dev.streampipe.core..")
                .should().dependOnClassesThat(resideInAnyPackage("dev.streampipe.testing..", "org.junit..",
                        "org.assertj..", "dev.streampipe.emulator.."))
                .check(classes);
    }

    private static Document read(Path pom) throws Exception {
        assertThat(pom).exists();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(pom));
    }

    /** The {@code <dependency>} elements, under {@code <dependencyManagement>} only or outside it. */
    private static List<Element> dependencies(Document pom, String underOrNull) {
        List<Element> out = new ArrayList<>();
        NodeList all = pom.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element d = (Element) all.item(i);
            boolean managed = within(d, "dependencyManagement");
            boolean plugin = within(d, "plugin");
            if (plugin) {
                continue;
            }
            if (underOrNull == null ? !managed : managed) {
                out.add(d);
            }
        }
        return out;
    }

    private static boolean within(Node node, String ancestor) {
        for (Node n = node.getParentNode(); n != null; n = n.getParentNode()) {
            if (ancestor.equals(n.getNodeName())) {
                return true;
            }
        }
        return false;
    }

    private static String key(Element d) {
        return text(d, "groupId") + ":" + text(d, "artifactId") + ":" + text(d, "type");
    }

    private static String text(Element d, String child) {
        NodeList n = d.getElementsByTagName(child);
        for (int i = 0; i < n.getLength(); i++) {
            if (n.item(i).getParentNode() == d) {
                return n.item(i).getTextContent().trim();
            }
        }
        return null;
    }
}
