package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code AWS::Serverless::Function} as {@code sam build} sees it: the function's own properties over
 * {@code Globals.Function} (an environment variable declared in both takes the function's value).
 *
 * @param logicalId   the resource's logical id
 * @param codeUri     the {@code CodeUri} folder, relative to the template
 * @param handler     {@code Handler}, e.g. {@code pkg.Class::method}
 * @param runtime     {@code Runtime}, e.g. {@code java21}
 * @param environment {@code Environment.Variables}, values in long form (literals or intrinsics), in template order
 */
public record ServerlessFunction(String logicalId, String codeUri, String handler, String runtime,
                                 Map<String, JsonNode> environment) {
    public ServerlessFunction {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(codeUri, "codeUri");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(runtime, "runtime");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /**
     * Every serverless function of the template, in template order.
     *
     * @throws CfnYamlException if a function has no literal {@code CodeUri} folder or no {@code Handler}
     *                          (what {@code sam build} needs to build a Java function)
     */
    public static List<ServerlessFunction> all(CfnTemplate template) {
        JsonNode globals = template.section("Globals").path("Function");
        List<ServerlessFunction> functions = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            JsonNode properties = resource.path("Properties");
            Map<String, JsonNode> environment = new LinkedHashMap<>();
            for (JsonNode source : List.of(globals, properties)) {
                source.path("Environment").path("Variables").properties()
                        .forEach(variable -> environment.put(variable.getKey(), variable.getValue()));
            }
            functions.add(new ServerlessFunction(id, text(id, "CodeUri", properties, globals),
                    text(id, "Handler", properties, globals), properties.path("Runtime").asText(
                            globals.path("Runtime").asText("")), environment));
        });
        return functions;
    }

    /** The handler's class name: the part of {@code Handler} before {@code ::}. */
    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    private static String text(String id, String name, JsonNode properties, JsonNode globals) {
        JsonNode value = properties.has(name) ? properties.path(name) : globals.path(name);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new CfnYamlException("Resources." + id + "." + name + " must be a literal string, was " + value);
        }
        return value.asText();
    }
}
