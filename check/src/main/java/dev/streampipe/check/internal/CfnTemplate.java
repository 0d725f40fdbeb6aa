package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed template together with its source text (the text is kept because YAML comments, which a parser
 * drops, carry the justification of IAM wildcard exceptions).
 *
 * @param root   the document in long form (see {@link CfnYaml})
 * @param source the YAML text it was parsed from
 */
public record CfnTemplate(JsonNode root, String source) {
    public CfnTemplate {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(source, "source");
        if (!root.isObject()) {
            throw new CfnYamlException("template must be a mapping, was " + root.getNodeType());
        }
    }

    /** Parses YAML text. */
    public static CfnTemplate parse(String source) {
        return new CfnTemplate(CfnYaml.parse(source), source);
    }

    /** Reads and parses a UTF-8 template file. */
    public static CfnTemplate read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    /** Top-level section ({@code Resources}, {@code Parameters}, ...); a missing node if absent. */
    public JsonNode section(String name) {
        return root.path(name);
    }

    public Map<String, JsonNode> parameters() {
        return entries(section("Parameters"));
    }

    public Map<String, JsonNode> conditions() {
        return entries(section("Conditions"));
    }

    public Map<String, JsonNode> resources() {
        return entries(section("Resources"));
    }

    public Map<String, JsonNode> outputs() {
        return entries(section("Outputs"));
    }

    /** Resources of one type, e.g. {@code AWS::SQS::Queue}, by logical id in template order. */
    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> matching = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(resource.path("Type").asText())) {
                matching.put(id, resource);
            }
        });
        return matching;
    }

    /** Type of a resource, empty if there is no such resource. */
    public Optional<String> typeOf(String logicalId) {
        JsonNode type = section("Resources").path(logicalId).path("Type");
        return type.isTextual() ? Optional.of(type.asText()) : Optional.empty();
    }

    /** The resource's {@code Condition}, empty if unconditional or absent. */
    public Optional<String> conditionOf(String logicalId) {
        JsonNode condition = section("Resources").path(logicalId).path("Condition");
        return condition.isTextual() ? Optional.of(condition.asText()) : Optional.empty();
    }

    /**
     * The value a property has with default parameters: a literal as text, or a {@code Ref} to a parameter
     * as that parameter's {@code Default}. Empty for anything else (other intrinsics, no default).
     */
    public Optional<String> resolveScalar(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (value.isValueNode()) {
            return Optional.of(value.asText());
        }
        Optional<String> ref = Intrinsics.refTarget(value);
        if (ref.isPresent()) {
            JsonNode defaultValue = section("Parameters").path(ref.get()).path("Default");
            return defaultValue.isValueNode() ? Optional.of(defaultValue.asText()) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Map<String, JsonNode> entries(JsonNode section) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        if (section.isObject()) {
            section.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        }
        return map;
    }
}
