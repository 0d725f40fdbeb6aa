package dev.streampipe.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM a user imports ({@code bom/pom.xml}) says what the build says: the project's version, the AWS SDK,
 * Jackson and SLF4J versions the libraries are tested with, and every library a user can add (no deployable, tool
 * or example).
 */
class BomTest {
    private static final Path ROOT = Path.of("..");
    private static final Set<String> LIBRARIES = Set.of("streampipe-shared", "streampipe-aws", "streampipe-items",
            "streampipe-hotkey",
            "streampipe-check", "streampipe-test-utils", "streampipe-test-aws", "streampipe-emulator");

    @Test
    void shouldManageEveryLibraryAtTheProjectVersionWhenTheBomIsRead() throws Exception {
        // GIVEN the root POM and the BOM
        Element root = read(ROOT.resolve("pom.xml"));
        Element bom = read(ROOT.resolve("bom/pom.xml"));

        // WHEN the BOM's managed streampipe artifacts are listed
        Set<String> managed = new TreeSet<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if ("dev.streampipe".equals(child(dependency, "groupId"))) {
                managed.add(child(dependency, "artifactId"));
                assertThat(child(dependency, "version")).isEqualTo("${streampipe.version}");
            }
        }

        // THEN they are exactly the libraries, at the project's version
        assertThat(managed).containsExactlyInAnyOrderElementsOf(LIBRARIES);
        assertThat(child(bom, "version")).isEqualTo(child(root, "version"));
        assertThat(properties(bom)).containsEntry("streampipe.version", child(root, "version"));
    }

    @Test
    void shouldPinTheVersionsTheBuildTestsWithWhenTheBomIsRead() throws Exception {
        // GIVEN the root POM's and the BOM's properties
        Map<String, String> build = properties(read(ROOT.resolve("pom.xml")));
        Map<String, String> bom = properties(read(ROOT.resolve("bom/pom.xml")));

        // THEN the AWS SDK, Jackson, SLF4J and Lambda library versions are the build's
        for (String version : Set.of("aws.sdk.version", "jackson.version", "slf4j.version", "lambda-core.version",
                "lambda-events.version")) {
            assertThat(bom.get(version)).as(version).isNotNull().isEqualTo(build.get(version));
        }
    }

    private static Element read(Path pom) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && n.getNodeName().equals("properties")) {
                for (Node p = n.getFirstChild(); p != null; p = p.getNextSibling()) {
                    if (p.getNodeType() == Node.ELEMENT_NODE) {
                        properties.put(p.getNodeName(), p.getTextContent().trim());
                    }
                }
            }
        }
        return properties;
    }

    private static String child(Element element, String name) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && n.getNodeName().equals(name)) {
                return n.getTextContent().trim();
            }
        }
        return null;
    }
}
