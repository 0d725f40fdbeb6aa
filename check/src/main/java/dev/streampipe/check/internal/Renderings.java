package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Renders string-valued CloudFormation expressions for static inspection: literals stay as they are and
 * anything known only at deploy time becomes {@code «name»} (colons replaced, so a placeholder never looks
 * like part of an ARN).
 */
public final class Renderings {
    private static final int MAX_RENDERINGS = 64;

    private Renderings() {
    }

    /**
     * The strings an expression can evaluate to, with {@code «name»} standing for any referenced value. Lists
     * and both branches of {@code Fn::If} are flattened; {@code AWS::NoValue} contributes nothing. Used to
     * look for literal wildcards in IAM policies.
     */
    public static Set<String> of(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        if (node == null || node.isMissingNode() || node.isNull() || Intrinsics.isNoValue(node)) {
            return out;
        }
        if (node.isValueNode()) {
            out.add(node.asText());
            return out;
        }
        if (node.isArray()) {
            node.forEach(element -> out.addAll(of(element)));
            return out;
        }
        if (node.size() != 1) {
            out.add("«object»");
            return out;
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        JsonNode arg = only.getValue();
        switch (only.getKey()) {
            case "Ref" -> out.add(placeholder(arg.asText()));
            case "Fn::GetAtt" -> out.add(placeholder(Intrinsics.getAtt(node).map(p -> p.get(0) + "." + p.get(1))
                    .orElse("GetAtt")));
            case "Fn::If" -> {
                if (arg.isArray() && arg.size() == 3) {
                    out.addAll(of(arg.get(1)));
                    out.addAll(of(arg.get(2)));
                }
            }
            case "Fn::Sub" -> out.add(renderSub(arg));
            case "Fn::Join" -> out.addAll(renderJoin(arg));
            default -> out.add(placeholder(only.getKey()));
        }
        return out;
    }

    private static String renderSub(JsonNode arg) {
        String template = arg.isArray() && arg.size() > 0 ? arg.get(0).asText() : arg.asText();
        StringBuilder rendered = new StringBuilder();
        int from = 0;
        while (true) {
            int start = template.indexOf("${", from);
            int end = start < 0 ? -1 : template.indexOf('}', start + 2);
            if (end < 0) {
                return rendered.append(template.substring(from)).toString();
            }
            rendered.append(template, from, start);
            String name = template.substring(start + 2, end).trim();
            rendered.append(name.startsWith("!") ? "${" + name.substring(1) + "}" : placeholder(name));
            from = end + 1;
        }
    }

    private static Set<String> renderJoin(JsonNode arg) {
        Set<String> joined = new LinkedHashSet<>();
        if (!arg.isArray() || arg.size() != 2 || !arg.get(1).isArray()) {
            joined.add(placeholder("Fn::Join"));
            return joined;
        }
        String delimiter = arg.get(0).asText();
        joined.add("");
        boolean first = true;
        for (JsonNode part : arg.get(1)) {
            Set<String> options = of(part);
            Set<String> next = new LinkedHashSet<>();
            for (String prefix : joined) {
                for (String option : options) {
                    if (next.size() < MAX_RENDERINGS) {
                        next.add(first ? option : prefix + delimiter + option);
                    }
                }
            }
            joined = next;
            first = false;
        }
        return joined;
    }

    static String placeholder(String name) {
        return "«" + name.replace(":", "_") + "»";
    }
}
