package dev.streampipe.system.check;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.system.template.CfnTemplate;
import dev.streampipe.system.template.CfnYaml;
import dev.streampipe.system.template.CfnYamlException;
import dev.streampipe.system.template.Intrinsics;
import dev.streampipe.system.template.Reference;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a SAM or CloudFormation template, YAML (every short-form tag, see {@link CfnYaml}) or JSON, and rejects
 * what is not one with a {@link CheckInputException} naming the problem: an unreadable or empty file, a top
 * level that is not a mapping, no {@code Resources}, a resource without {@code Type}, or a {@code Ref} /
 * {@code Fn::GetAtt} / {@code ${...}} naming nothing the template declares (SAM's generated resources, such as
 * {@code MyFunctionRole} or {@code MyFunction.Alias}, count as declared when the template has that function).
 */
public final class TemplateInput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final int MAX_PROBLEMS_SHOWN = 5;

    private TemplateInput() {
    }

    /** Reads and validates a template file. */
    public static CfnTemplate read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new CheckInputException(file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new CheckInputException("cannot read template " + file + ": " + describe(e), e);
        }
        return parse(file.toString(), text);
    }

    /**
     * Parses and validates template text.
     *
     * @param name what to call the input in messages (usually the path as given)
     */
    public static CfnTemplate parse(String name, String text) {
        if (text.isBlank()) {
            throw new CheckInputException(name + " is empty, not a template");
        }
        JsonNode root = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[")
                ? json(name, text) : yaml(name, text);
        if (!root.isObject()) {
            throw new CheckInputException(name + " is not a template: its top level is " + kind(root)
                    + ", a template is a mapping with a Resources section");
        }
        JsonNode resources = root.path("Resources");
        if (!resources.isObject() || resources.isEmpty()) {
            throw new CheckInputException(name + " is not a CloudFormation template: "
                    + (resources.isMissingNode() ? "it has no Resources section" : "Resources is not a non-empty mapping"));
        }
        CfnTemplate template = new CfnTemplate(root, text);
        List<String> problems = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if (!resource.path("Type").isTextual()) {
                problems.add("resource " + id + " has no Type");
            }
        });
        problems.addAll(danglingReferences(template));
        if (!problems.isEmpty()) {
            List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN));
            throw new CheckInputException(name + " is not a valid template: " + String.join("; ", shown)
                    + (problems.size() > shown.size() ? "; and " + (problems.size() - shown.size()) + " more" : ""));
        }
        return template;
    }

    private static List<String> danglingReferences(CfnTemplate template) {
        Map<String, JsonNode> resources = template.resources();
        Set<String> parameters = template.parameters().keySet();
        List<String> problems = new ArrayList<>();
        for (String section : List.of("Resources", "Outputs")) {
            template.section(section).properties().forEach(entry ->
                    Intrinsics.walk(entry.getValue(), section + "." + entry.getKey(), Set.of(), ref -> {
                        if (ref.kind() == Reference.Kind.CONDITION || ref.target().contains("{")) {
                            return;
                        }
                        String target = ref.target();
                        boolean known = resources.containsKey(target) || Intrinsics.PSEUDO_PARAMETERS.contains(target)
                                || ref.kind() == Reference.Kind.REF && parameters.contains(target)
                                || samGenerated(template, target);
                        if (!known) {
                            problems.add(ref.path() + ": " + describe(ref) + " names no resource"
                                    + (ref.kind() == Reference.Kind.REF ? " or parameter" : "") + " in the template");
                        }
                    }));
        }
        return problems;
    }

    private static String describe(Reference ref) {
        return switch (ref.kind()) {
            case GET_ATT -> "!GetAtt " + ref.target() + (ref.attribute().isEmpty() ? "" : "." + ref.attribute());
            case REF -> ref.origin().equals("Fn::Sub") ? "${" + ref.target() + "} in !Sub" : "!Ref " + ref.target();
            case CONDITION -> "condition " + ref.target();
        };
    }

    /** SAM's implicit resources: {@code Fn.Alias}, {@code FnRole}, {@code FnEventName}, {@code ServerlessRestApi}. */
    private static boolean samGenerated(CfnTemplate template, String target) {
        if (target.startsWith("ServerlessRestApi") || target.startsWith("ServerlessHttpApi")) {
            return true;
        }
        for (Map.Entry<String, JsonNode> resource : template.resources().entrySet()) {
            if (resource.getValue().path("Type").asText().startsWith("AWS::Serverless::")
                    && target.startsWith(resource.getKey()) && !target.equals(resource.getKey())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode json(String name, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CheckInputException(name + " is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr(), e);
        }
    }

    private static JsonNode yaml(String name, String text) {
        try {
            return CfnYaml.parse(text);
        } catch (CfnYamlException e) {
            throw new CheckInputException(name + ": " + e.getMessage(), e);
        }
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a JSON/YAML array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase();
        };
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "") + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
