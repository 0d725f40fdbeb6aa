package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.CheckInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a SAM or CloudFormation template, YAML (every short-form tag, see {@link CfnYaml}) or JSON, and rejects
 * what is not one with a {@link CheckInputException} naming the problem: a file {@link InputText} cannot read
 * (too large, not UTF-8, not exactly one JSON value or YAML document, nested too deep), a top level that is not a
 * mapping, no {@code Resources}, a section {@code check} reads in a shape it cannot have ({@link TemplateShape}),
 * or a {@code Ref} / {@code Fn::GetAtt} / {@code ${...}} naming nothing the template declares (SAM's generated
 * resources, such as {@code MyFunctionRole} or {@code MyFunction.Alias}, count as declared when the template has
 * that function).
 */
public final class TemplateInput {
    private static final int MAX_PROBLEMS_SHOWN = 5;

    private TemplateInput() {
    }

    /** Reads and validates a template file. */
    public static CfnTemplate read(Path file) {
        return parse(file.toString(), InputText.read(file, "template"));
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
        JsonNode root = InputText.parse(name, text);
        if (!root.isObject()) {
            throw new CheckInputException(name + " is not a template: its top level is " + kind(root)
                    + ", a template is a mapping with a Resources section");
        }
        JsonNode resources = root.path("Resources");
        if (resources.isMissingNode()) {
            throw new CheckInputException(name + " is not a CloudFormation template: it has no Resources section");
        }
        if (resources.isObject() && resources.isEmpty()) {
            throw new CheckInputException(name + " is not a CloudFormation template: its Resources section is empty");
        }
        TemplateShape.check(root).ifPresent(problem -> {
            throw new CheckInputException(name + " is not a valid template: " + problem);
        });
        CfnTemplate template = new CfnTemplate(root, text);
        List<String> problems = danglingReferences(template);
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
            case GET_ATT -> "!GetAtt " + Abbreviate.text(ref.target()
                    + (ref.attribute().isEmpty() ? "" : "." + ref.attribute()));
            case REF -> ref.origin().equals("Fn::Sub") ? "${" + Abbreviate.text(ref.target()) + "} in !Sub"
                    : "!Ref " + Abbreviate.text(ref.target());
            case CONDITION -> "condition " + Abbreviate.text(ref.target());
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
}
