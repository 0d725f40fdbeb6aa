package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates string expressions of one template as far as its own text allows: literals, {@code Ref} to a
 * parameter with a {@code Default}, {@code Fn::Sub} and {@code Fn::Join} over those. What the template cannot
 * tell (pseudo parameters, a parameter without default, a resource's physical name) becomes {@code «name»}
 * (colons as {@code _}, so {@code «AWS__Region»} never splits an ARN), so callers see exactly which part stayed
 * unknown; they never guess it.
 */
final class TemplateValues {
    private static final Pattern TABLE_ARN = Pattern.compile("^arn:[^:]*:dynamodb:[^:]*:[^:]*:table/([^/]+)(/.*)?$");
    private static final Pattern PLACEHOLDER = Pattern.compile("^«([^»]+)»$");

    private final CfnTemplate template;
    private final Map<String, String> tableNames = new LinkedHashMap<>();

    TemplateValues(CfnTemplate template) {
        this.template = template;
        template.resources().forEach((id, resource) -> {
            if (isTable(resource.path("Type").asText())) {
                render(resource.path("Properties").path("TableName"))
                        .filter(name -> !name.contains("«")).ifPresent(name -> tableNames.put(id, name));
            }
        });
    }

    static boolean isTable(String type) {
        return type.equals("AWS::DynamoDB::Table") || type.equals("AWS::DynamoDB::GlobalTable");
    }

    CfnTemplate template() {
        return template;
    }

    /** Logical ids of the template's DynamoDB tables, in template order. */
    List<String> tables() {
        List<String> tables = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if (isTable(resource.path("Type").asText())) {
                tables.add(id);
            }
        });
        return tables;
    }

    /** The logical id of the template's table with this physical name, if the template fixes that name. */
    Optional<String> tableNamed(String name) {
        return tableNames.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** The physical name of a table of this template, if the template fixes it. */
    Optional<String> physicalName(String tableId) {
        return Optional.ofNullable(tableNames.get(tableId));
    }

    /** True if {@code id} is a DynamoDB table of this template. */
    boolean isTableResource(String id) {
        return template.typeOf(id).filter(TemplateValues::isTable).isPresent();
    }

    /** The string value with unknown parts as {@code «name»}; empty for non-string expressions. */
    Optional<String> render(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (node.isValueNode()) {
            return Optional.of(node.asText());
        }
        Optional<String> ref = Intrinsics.refTarget(node);
        if (ref.isPresent()) {
            return Optional.of(renderRef(ref.get()));
        }
        Optional<List<String>> getAtt = Intrinsics.getAtt(node);
        if (getAtt.isPresent()) {
            return Optional.of("«" + getAtt.get().get(0) + "." + getAtt.get().get(1) + "»");
        }
        if (node.size() == 1 && node.has("Fn::Sub")) {
            return renderSub(node.get("Fn::Sub"));
        }
        if (node.size() == 1 && node.has("Fn::Join")) {
            return renderJoin(node.get("Fn::Join"));
        }
        return Optional.empty();
    }

    /** A parameter's default (not for SSM-typed parameters, whose default is a key), else {@code «name»}. */
    private String renderRef(String name) {
        JsonNode parameter = template.section("Parameters").path(name);
        JsonNode defaultValue = parameter.path("Default");
        return defaultValue.isValueNode() && !parameter.path("Type").asText().startsWith("AWS::SSM")
                ? defaultValue.asText() : "«" + name.replace(":", "_") + "»";
    }

    private Optional<String> renderSub(JsonNode arg) {
        String text;
        Map<String, JsonNode> locals = new LinkedHashMap<>();
        if (arg.isTextual()) {
            text = arg.asText();
        } else if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual()) {
            text = arg.get(0).asText();
            arg.get(1).properties().forEach(e -> locals.put(e.getKey(), e.getValue()));
        } else {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(text);
        while (m.find()) {
            String name = m.group(1).trim();
            String value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}";
            } else if (locals.containsKey(name)) {
                value = render(locals.get(name)).orElse("«" + name + "»");
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                value = "«" + name + "»";
            } else {
                value = renderRef(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    private Optional<String> renderJoin(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2 || !arg.get(1).isArray()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : arg.get(1)) {
            Optional<String> rendered = render(part);
            if (rendered.isEmpty()) {
                return Optional.empty();
            }
            parts.add(rendered.get());
        }
        return Optional.of(String.join(arg.get(0).asText(), parts));
    }

    /**
     * The table segment of a rendered DynamoDB ARN ({@code arn:...:table/NAME[/stream/..|/index/..]}) and the
     * rest after it; empty if the text is not a DynamoDB table ARN.
     */
    static Optional<String[]> tableArn(String rendered) {
        Matcher m = TABLE_ARN.matcher(rendered);
        return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2) == null ? "" : m.group(2)})
                : Optional.empty();
    }

    /** The name inside a whole {@code «name»} placeholder. */
    static Optional<String> placeholder(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
