package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every Java function's code is where the template says: {@code CodeUri} is a module folder of this build
 * (it has a {@code pom.xml} and the root POM lists it), and {@code Handler} {@code pkg.Class::method} has a
 * source file {@code <CodeUri>/src/main/java/<pkg path>/<Class>.java} that declares {@code method}.
 * Functions with another runtime are not checked.
 */
public final class HandlerCheck implements TemplateRule {
    private static final Pattern HANDLER = Pattern.compile("([a-zA-Z_$][\\w$]*(?:\\.[a-zA-Z_$][\\w$]*)*)(?:::([\\w$]+))?");
    private static final String DEFAULT_METHOD = "handleRequest";

    private final Path projectRoot;
    private final Set<String> rootModules;

    /**
     * @param projectRoot folder holding the template and the root {@code pom.xml}
     */
    public HandlerCheck(Path projectRoot) {
        this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot");
        this.rootModules = RootPom.modules(projectRoot.resolve("pom.xml"));
    }

    @Override
    public String name() {
        return "handlers";
    }

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.HANDLERS);
    }

    @Override
    public List<Finding> check(CfnTemplate template) {
        List<Finding> findings = new ArrayList<>();
        JsonNode globals = template.section("Globals").path("Function");
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, function) -> {
            JsonNode properties = function.path("Properties");
            String runtime = properties.path("Runtime").asText(globals.path("Runtime").asText(""));
            if (!runtime.startsWith("java")) {
                return;
            }
            String location = "Resources." + id;
            JsonNode codeUri = properties.path("CodeUri").isMissingNode() ? globals.path("CodeUri")
                    : properties.path("CodeUri");
            if (!codeUri.isTextual()) {
                findings.add(finding(location, "CodeUri must be a module folder of this build, was " + codeUri));
                return;
            }
            String handler = properties.path("Handler").asText(globals.path("Handler").asText(""));
            checkFunction(location, codeUri.asText(), handler, findings);
        });
        return findings;
    }

    private void checkFunction(String location, String codeUri, String handler, List<Finding> findings) {
        Path module = projectRoot.resolve(codeUri).normalize();
        if (!Files.isDirectory(module)) {
            findings.add(finding(location, "CodeUri " + codeUri + " is not a folder under " + projectRoot));
            return;
        }
        if (!Files.isRegularFile(module.resolve("pom.xml"))) {
            findings.add(finding(location, "CodeUri " + codeUri + " has no pom.xml, so sam build cannot build it"));
        }
        if (!rootModules.contains(codeUri)) {
            findings.add(finding(location, "CodeUri " + codeUri + " is not a <module> of the root pom.xml "
                    + rootModules));
        }
        var matcher = HANDLER.matcher(handler);
        if (!matcher.matches() || !matcher.group(1).contains(".")) {
            findings.add(finding(location, "Handler must be package.Class::method, was '" + handler + "'"));
            return;
        }
        String className = matcher.group(1);
        String method = matcher.group(2) == null ? DEFAULT_METHOD : matcher.group(2);
        Path source = module.resolve(Path.of("src", "main", "java")).resolve(className.replace('.', '/') + ".java");
        String relative = projectRoot.relativize(source).toString();
        if (!Files.isRegularFile(source)) {
            findings.add(finding(location, "handler class " + className + " not found: expected source file "
                    + relative + " (module " + codeUri + " must provide it)"));
            return;
        }
        if (!declaresMethod(source, method)) {
            findings.add(finding(location, "handler class " + className + " (" + relative
                    + ") does not declare method " + method + "(...)"));
        }
    }

    private static boolean declaresMethod(Path source, String method) {
        try {
            String code = Files.readString(source, StandardCharsets.UTF_8);
            return Pattern.compile("\\b" + Pattern.quote(method) + "\\s*\\(").matcher(code).find();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read handler source " + source, e);
        }
    }

    private Finding finding(String location, String message) {
        return Finding.at(RuleId.HANDLERS, location, message);
    }
}
