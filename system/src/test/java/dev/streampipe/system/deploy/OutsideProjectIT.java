package dev.streampipe.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The test modules as a project outside this build uses them: {@code src/test/resources/outside-project} (no parent
 * POM; {@code streampipe-test-utils} and {@code streampipe-test-aws} at test scope, no Jackson module declared) is
 * copied to a scratch folder and its tests run with the Maven running this build, the streampipe modules coming
 * from a local repository seeded as the install step of docs/deploy.md seeds {@code ~/.m2} ({@link HeadRepository}: the
 * user's repository is never written). A test-jar's dependencies are not transitive, these modules' are: the
 * outside tests fail with {@code NoClassDefFoundError} if a module stops bringing what its classes use. Versions
 * come from the root POM. Maven's log goes to {@code target/outside-project/test.log}.
 */
class OutsideProjectIT {
    private static final long TIMEOUT_MINUTES = 4;
    private static final Set<String> PLUGINS = Set.of("maven-resources-plugin", "maven-compiler-plugin",
            "maven-surefire-plugin");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void shouldRunTheDriverAndTheLoopbackEndpointWhenAnOutsideProjectAddsOnlyTheTestModules() throws Exception {
        // GIVEN the outside project, copied alone, and a local repository seeded with the built modules
        DeployPathSettings settings = DeployPathSettings.fromSystemProperties();
        Path template = settings.root().resolve("system/src/test/resources/outside-project");
        assertThat(Files.readString(template.resolve("pom.xml"))).as("the outside project's POM")
                .doesNotContain("com.fasterxml");
        Path project = work.resolve("project");
        SamJavaMavenWorkflow.copyTree(template, project, Set.of("target"));
        HeadRepository head = settings.seedHeadRepository(work.resolve("m2"));

        // WHEN its tests run
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        List<String> command = new ArrayList<>(List.of(
                settings.mavenHome().resolve("bin").resolve(windows ? "mvn.cmd" : "mvn").toString(), "-B", "test",
                "-Dmaven.repo.local=" + head.root(), "-Dmaven.repo.local.tail=" + settings.localRepository(),
                "-Dstreampipe.version=" + settings.version()));
        versions(settings.root().resolve("pom.xml")).forEach((name, value) -> command.add("-D" + name + "=" + value));
        MavenRun run = MavenRun.run(command, project,
                settings.logs().resolveSibling("outside-project").resolve("test.log"), TIMEOUT_MINUTES);

        // THEN both of its test classes ran and passed
        assertThat(run.succeeded()).as("the outside project's build:%n%s", run.failureReport()).isTrue();
        assertThat(run.output()).contains("Running com.example.orders.OrdersTopologyTest",
                "Running com.example.orders.OrdersMetricsTest", "Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");
    }

    @Test
    void shouldBuildAndTestTheGettingStartedFunctionWhenAProjectUsesThePagesPom() throws Exception {
        // GIVEN a project whose dependencies are the getting-started page's POM block, word for word, and whose
        // sources are the page's inventory function and its test, and a local repository seeded as the install step
        // seeds ~/.m2
        DeployPathSettings settings = DeployPathSettings.fromSystemProperties();
        Path root = settings.root();
        String block = pomBlock(Files.readString(root.resolve("docs/getting-started.md")));
        assertThat(block).as("the page's POM block").contains("<version>" + settings.version() + "</version>")
                .doesNotContain("${");
        Path project = work.resolve("inventory");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), YOUR_OWN_POM.replace("<!-- the page's block -->", block));
        String inventory = "dev/streampipe/examples/snippets/inventory";
        Path snippets = root.resolve("examples/snippets/src");
        SamJavaMavenWorkflow.copyTree(snippets.resolve("main/java/" + inventory),
                project.resolve("src/main/java/" + inventory), Set.of());
        Files.createDirectories(project.resolve("src/test/java/" + inventory));
        Files.copy(snippets.resolve("test/java/" + inventory + "/InventoryTopologyTest.java"),
                project.resolve("src/test/java/" + inventory + "/InventoryTopologyTest.java"));
        Files.createDirectories(project.resolve("src/test/resources/describe"));
        Files.copy(snippets.resolve("test/resources/describe/inventory.txt"),
                project.resolve("src/test/resources/describe/inventory.txt"));
        HeadRepository head = settings.seedHeadRepository(work.resolve("m2-inventory"));

        // WHEN its tests run
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        List<String> command = new ArrayList<>(List.of(
                settings.mavenHome().resolve("bin").resolve(windows ? "mvn.cmd" : "mvn").toString(), "-B", "test",
                "-Dmaven.repo.local=" + head.root(), "-Dmaven.repo.local.tail=" + settings.localRepository()));
        versions(root.resolve("pom.xml")).forEach((name, value) -> command.add("-D" + name + "=" + value));
        MavenRun run = MavenRun.run(command, project,
                settings.logs().resolveSibling("outside-project").resolve("inventory.log"), TIMEOUT_MINUTES);

        // THEN the function compiles on the two libraries and its topology test passes
        assertThat(run.succeeded()).as("the inventory project's build:%n%s", run.failureReport()).isTrue();
        assertThat(run.output()).contains("Running dev.streampipe.examples.snippets.inventory.InventoryTopologyTest",
                "Tests run: 6, Failures: 0, Errors: 0, Skipped: 0");
    }

    /** A user's project around the getting-started page's dependency block: coordinates, Java 17, the build plugins. */
    private static final String YOUR_OWN_POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>inventory</artifactId>
              <version>1.0.0</version>
              <properties>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                <maven.compiler.release>17</maven.compiler.release>
              </properties>
            <!-- the page's block -->
              <build>
                <plugins>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-resources-plugin</artifactId>
                    <version>${version.maven-resources-plugin}</version>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-compiler-plugin</artifactId>
                    <version>${version.maven-compiler-plugin}</version>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-surefire-plugin</artifactId>
                    <version>${version.maven-surefire-plugin}</version>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    /** The first {@code xml} block of a Markdown page: the POM fragment it shows. */
    static String pomBlock(String markdown) {
        Matcher block = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(block.find()).as("an xml block").isTrue();
        return block.group(1);
    }

    /**
     * The versions the outside POM refers to, from the root POM: its {@code *.version} properties and
     * {@code version.<plugin>} for the build plugins a {@code test} run uses, as its plugin management pins them.
     */
    private static Map<String, String> versions(Path rootPom) throws Exception {
        Document pom;
        try (InputStream in = Files.newInputStream(rootPom)) {
            pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        NodeList declared = ((Element) pom.getElementsByTagName("properties").item(0)).getChildNodes();
        for (int i = 0; i < declared.getLength(); i++) {
            if (declared.item(i).getNodeType() == Node.ELEMENT_NODE
                    && declared.item(i).getNodeName().endsWith(".version")) {
                properties.put(declared.item(i).getNodeName(), declared.item(i).getTextContent().trim());
            }
        }
        Map<String, String> versions = new LinkedHashMap<>(properties);
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            String artifactId = child(plugin, "artifactId");
            String version = child(plugin, "version");
            if (PLUGINS.contains(artifactId) && version != null) {
                Matcher reference = PROPERTY.matcher(version);
                versions.put("version." + artifactId,
                        reference.matches() ? properties.get(reference.group(1)) : version);
            }
        }
        assertThat(versions).as("versions from %s", rootPom)
                .containsKeys("junit.version", "assertj.version", "aws.sdk.version")
                .containsKeys(PLUGINS.stream().map(p -> "version." + p).toArray(String[]::new));
        return versions;
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
