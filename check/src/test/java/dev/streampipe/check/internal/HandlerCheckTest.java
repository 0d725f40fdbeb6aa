package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.check.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandlerCheckTest {
    private static final String TEMPLATE = """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: fn-module
                  Handler: dev.example.fn.Handler::handleRequest
                  Runtime: java21
              Scripted:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: not-a-java-module
                  Handler: app.handler
                  Runtime: python3.12
            """;

    @TempDir
    Path root;

    @BeforeEach
    void createProject() throws IOException {
        write("pom.xml", "<project><modules><module>fn-module</module></modules></project>");
        write("fn-module/pom.xml", "<project/>");
        write("fn-module/src/main/java/dev/example/fn/Handler.java",
                "package dev.example.fn;\nfinal class Handler {\n  public void handleRequest(Object in) {}\n}\n");
    }

    @Test
    void shouldFindNothingWhenModuleAndHandlerExist() {
        // GIVEN the project above / WHEN
        List<Finding> findings = new HandlerCheck(root).check(CfnTemplate.parse(TEMPLATE));

        // THEN (the python function is not checked)
        assertThat(findings).isEmpty();
    }

    @Test
    void shouldReportWhenCodeUriFolderIsMissing() {
        List<Finding> findings = new HandlerCheck(root)
                .check(Broken.variant(TEMPLATE, "CodeUri: fn-module", "CodeUri: gone-module"));

        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.message()).contains("CodeUri gone-module is not a folder"));
    }

    @Test
    void shouldReportWhenModuleHasNoPom() throws IOException {
        // GIVEN
        Files.delete(root.resolve("fn-module/pom.xml"));

        // WHEN
        List<Finding> findings = new HandlerCheck(root).check(CfnTemplate.parse(TEMPLATE));

        // THEN
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).contains("has no pom.xml"));
    }

    @Test
    void shouldReportWhenRootPomDoesNotListModule() throws IOException {
        // GIVEN
        write("pom.xml", "<project><modules><module>other</module></modules></project>");

        // WHEN
        List<Finding> findings = new HandlerCheck(root).check(CfnTemplate.parse(TEMPLATE));

        // THEN
        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.message()).contains("is not a <module> of the root pom.xml"));
    }

    @Test
    void shouldNameExpectedSourceFileWhenHandlerClassIsMissing() {
        List<Finding> findings = new HandlerCheck(root).check(Broken.variant(TEMPLATE,
                "dev.example.fn.Handler::", "dev.example.fn.Missing::"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("Resources.Fn");
            assertThat(f.message()).contains("handler class dev.example.fn.Missing not found")
                    .contains("fn-module/src/main/java/dev/example/fn/Missing.java");
        });
    }

    @Test
    void shouldReportWhenHandlerMethodIsNotDeclared() {
        List<Finding> findings = new HandlerCheck(root).check(Broken.variant(TEMPLATE,
                "Handler::handleRequest", "Handler::handle"));

        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.message()).contains("does not declare method handle("));
    }

    @Test
    void shouldReportWhenHandlerIsNotClassAndMethod() {
        List<Finding> findings = new HandlerCheck(root).check(Broken.variant(TEMPLATE,
                "dev.example.fn.Handler::handleRequest", "Handler"));

        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.message()).contains("Handler must be package.Class::method"));
    }

    @Test
    void shouldReportWhenCodeUriIsNotAFolder() {
        List<Finding> findings = new HandlerCheck(root).check(Broken.variant(TEMPLATE,
                "CodeUri: fn-module", "CodeUri: {Bucket: b, Key: k}"));

        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.message()).contains("CodeUri must be a module folder"));
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
