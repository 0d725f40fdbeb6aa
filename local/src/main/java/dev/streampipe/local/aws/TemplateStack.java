package dev.streampipe.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.check.internal.CfnTemplate;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code template.yaml} as a stack being created by hand: parameter values (defaults, then overrides), conditions,
 * and the physical ids and attributes of the resources created so far, so that any property can be resolved the
 * way CloudFormation would ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::If}, {@code Fn::Join},
 * {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}, {@code Condition}, {@code AWS::NoValue}).
 *
 * <p>Contract: {@link #resolve} returns {@code null} for {@code AWS::NoValue} and throws
 * {@link IllegalStateException} naming the path for a reference to a resource not created (yet) or an intrinsic
 * this class does not evaluate: nothing is guessed. Not thread-safe.
 */
public final class TemplateStack {
    /** moto's default account id (any access key that is not twelve digits maps to it). */
    public static final String ACCOUNT_ID = "123456789012";
    public static final String REGION = "us-east-1";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUB_PLACEHOLDER = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final CfnTemplate template;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> refs = new HashMap<>();
    private final Map<String, Map<String, String>> attributes = new HashMap<>();

    private TemplateStack(CfnTemplate template, Map<String, String> overrides) {
        this.template = template;
        template.parameters().forEach((name, p) -> {
            JsonNode d = p.get("Default");
            if (d != null) {
                parameters.put(name, d.isTextual() ? d.asText() : d.toString());
            }
        });
        overrides.forEach((name, value) -> {
            if (!template.parameters().containsKey(name)) {
                throw new IllegalArgumentException("template has no parameter " + name);
            }
            parameters.put(name, value);
        });
        parameters.put("AWS::Region", REGION);
        parameters.put("AWS::AccountId", ACCOUNT_ID);
        parameters.put("AWS::Partition", "aws");
        parameters.put("AWS::StackName", "streampipe-local");
        parameters.put("AWS::URLSuffix", "amazonaws.com");
    }

    /** Reads {@code file} with parameter overrides (name to value). */
    public static TemplateStack read(Path file, Map<String, String> overrides) {
        return new TemplateStack(CfnTemplate.read(file), overrides);
    }

    public CfnTemplate template() {
        return template;
    }

    /** The value a parameter has in this stack. */
    public String parameter(String name) {
        String v = parameters.get(name);
        if (v == null) {
            throw new IllegalStateException("parameter " + name + " has no value");
        }
        return v;
    }

    /** Whether resource {@code logicalId} exists in this stack (its {@code Condition}, if any, holds). */
    public boolean included(String logicalId) {
        JsonNode condition = template.resources().get(logicalId).get("Condition");
        return condition == null || condition(condition.asText());
    }

    /** Evaluates a named condition. */
    public boolean condition(String name) {
        JsonNode c = template.conditions().get(name);
        if (c == null) {
            throw new IllegalStateException("template has no condition " + name);
        }
        return truth(c, "Conditions." + name);
    }

    /** Records what {@code Ref} to a created resource yields and its {@code Fn::GetAtt} attributes. */
    public void created(String logicalId, String ref, Map<String, String> attrs) {
        refs.put(logicalId, ref);
        attributes.put(logicalId, Map.copyOf(attrs));
    }

    /** What {@code Fn::GetAtt logicalId.attribute} yields for a created resource. */
    public String attribute(String logicalId, String attribute) {
        return getAtt(NODES.arrayNode().add(logicalId).add(attribute), logicalId + "." + attribute);
    }

    /** What {@code Ref logicalId} yields, if the resource was created. */
    public Optional<String> ref(String logicalId) {
        return Optional.ofNullable(refs.get(logicalId));
    }

    /** A resource property, resolved; {@code null} when absent or {@code AWS::NoValue}. */
    public JsonNode property(String logicalId, String property) {
        JsonNode props = template.resources().get(logicalId).path("Properties");
        JsonNode value = props.get(property);
        return value == null ? null : resolve(value, logicalId + ".Properties." + property);
    }

    /**
     * A value nested in a resource property ({@code path} names the keys under {@code Properties}), resolved
     * alone: sibling values that reference resources not created are never touched. {@code null} when absent.
     */
    public JsonNode propertyAt(String logicalId, String... path) {
        JsonNode node = template.resources().get(logicalId).path("Properties");
        for (String key : path) {
            node = node.get(key);
            if (node == null) {
                return null;
            }
        }
        return resolve(node, logicalId + ".Properties." + String.join(".", path));
    }

    /** A resource property resolved to text ({@code null} when absent); JSON objects become JSON text. */
    public String text(String logicalId, String property) {
        JsonNode v = property(logicalId, property);
        if (v == null) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** Resolves every intrinsic function in {@code node}. */
    public JsonNode resolve(JsonNode node, String path) {
        if (node.isObject() && node.size() == 1) {
            String fn = node.fieldNames().next();
            JsonNode arg = node.get(fn);
            switch (fn) {
                case "Ref":
                    return refValue(arg.asText(), path);
                case "Fn::GetAtt":
                    return NODES.textNode(getAtt(arg, path));
                case "Fn::Sub":
                    return NODES.textNode(sub(arg, path));
                case "Fn::If": {
                    JsonNode chosen = condition(arg.get(0).asText()) ? arg.get(1) : arg.get(2);
                    return resolve(chosen, path);
                }
                case "Fn::Join": {
                    StringBuilder sb = new StringBuilder();
                    JsonNode parts = resolve(arg.get(1), path);
                    for (int i = 0; i < parts.size(); i++) {
                        sb.append(i == 0 ? "" : arg.get(0).asText()).append(parts.get(i).asText());
                    }
                    return NODES.textNode(sb.toString());
                }
                case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition":
                    return NODES.booleanNode(truth(node, path));
                default:
                    if (fn.startsWith("Fn::")) {
                        throw new IllegalStateException(path + ": " + fn + " is not evaluated by the local stack");
                    }
            }
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = resolve(e.getValue(), path + "." + e.getKey());
                if (v != null) {
                    out.set(e.getKey(), v);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = resolve(node.get(i), path + "[" + i + "]");
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        return node;
    }

    /** JSON text of a resolved property (for filter policies and event patterns). */
    public static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + node, e);
        }
    }

    private JsonNode refValue(String name, String path) {
        if (name.equals("AWS::NoValue")) {
            return null;
        }
        if (parameters.containsKey(name)) {
            JsonNode declared = template.parameters().get(name);
            String value = parameters.get(name);
            if (declared != null && declared.path("Type").asText().startsWith("CommaDelimitedList")) {
                ArrayNode list = NODES.arrayNode();
                for (String part : value.isEmpty() ? new String[0] : value.split(",")) {
                    list.add(part.trim());
                }
                return list;
            }
            return NODES.textNode(value);
        }
        String ref = refs.get(name);
        if (ref == null) {
            throw new IllegalStateException(path + ": Ref " + name + " names no parameter and no resource created");
        }
        return NODES.textNode(ref);
    }

    private String getAtt(JsonNode arg, String path) {
        String resource = arg.get(0).asText();
        String attribute = arg.get(1).asText();
        Map<String, String> attrs = attributes.get(resource);
        String value = attrs == null ? null : attrs.get(attribute);
        if (value == null) {
            throw new IllegalStateException(path + ": Fn::GetAtt " + resource + "." + attribute
                    + (attrs == null ? " (resource not created)" : " (attribute unknown)"));
        }
        return value;
    }

    private String sub(JsonNode arg, String path) {
        String text = arg.isArray() ? arg.get(0).asText() : arg.asText();
        Map<String, String> vars = new HashMap<>();
        if (arg.isArray()) {
            arg.get(1).fields().forEachRemaining(e -> vars.put(e.getKey(), resolve(e.getValue(), path).asText()));
        }
        Matcher m = SUB_PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (vars.containsKey(name)) {
                value = vars.get(name);
            } else if (name.contains(".")) {
                value = getAtt(NODES.arrayNode().add(name.substring(0, name.indexOf('.')))
                        .add(name.substring(name.indexOf('.') + 1)), path);
            } else {
                JsonNode v = refValue(name, path);
                value = v == null ? "" : v.asText();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString().replace("${!", "${");
    }

    private boolean truth(JsonNode node, String path) {
        String fn = node.fieldNames().next();
        JsonNode arg = node.get(fn);
        return switch (fn) {
            case "Fn::Equals" -> resolve(arg.get(0), path).asText().equals(resolve(arg.get(1), path).asText());
            case "Fn::Not" -> !truth(arg.get(0), path);
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode c : arg) {
                    all &= truth(c, path);
                }
                yield all;
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode c : arg) {
                    any |= truth(c, path);
                }
                yield any;
            }
            case "Condition" -> condition(arg.asText());
            default -> throw new IllegalStateException(path + ": " + fn + " is not a condition function");
        };
    }
}
