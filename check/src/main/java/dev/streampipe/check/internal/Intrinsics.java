package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reading CloudFormation intrinsic functions in long form: finding references together with the
 * conditions that guard them (see {@link Renderings} for evaluating string expressions).
 */
public final class Intrinsics {
    /** Pseudo parameters CloudFormation defines. */
    public static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
            "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    private Intrinsics() {
    }

    /** The target of {@code {"Ref": "X"}}, empty for anything else. */
    public static Optional<String> refTarget(JsonNode node) {
        JsonNode ref = soleArgument(node, "Ref");
        return ref != null && ref.isTextual() ? Optional.of(ref.asText()) : Optional.empty();
    }

    /** True for {@code {"Ref": "AWS::NoValue"}}. */
    public static boolean isNoValue(JsonNode node) {
        return refTarget(node).filter("AWS::NoValue"::equals).isPresent();
    }

    /** {@code [resource, attribute]} of a {@code Fn::GetAtt} with literal arguments, empty otherwise. */
    public static Optional<List<String>> getAtt(JsonNode node) {
        JsonNode arg = soleArgument(node, "Fn::GetAtt");
        return arg == null ? Optional.empty() : literalGetAttArguments(arg);
    }

    private static Optional<List<String>> literalGetAttArguments(JsonNode arg) {
        if (arg.isTextual() && arg.asText().indexOf('.') > 0) {
            String text = arg.asText();
            int dot = text.indexOf('.');
            return Optional.of(List.of(text.substring(0, dot), text.substring(dot + 1)));
        }
        if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual() && arg.get(1).isTextual()) {
            return Optional.of(List.of(arg.get(0).asText(), arg.get(1).asText()));
        }
        return Optional.empty();
    }

    /** Every reference below {@code node}, in document order, with no guards assumed. */
    public static List<Reference> references(JsonNode node) {
        List<Reference> found = new ArrayList<>();
        walk(node, "", Set.of(), found::add);
        return found;
    }

    /** Targets (logical ids, parameters, pseudo parameters) that {@code node} refers to by Ref, GetAtt or Sub. */
    public static Set<String> referencedNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        for (Reference reference : references(node)) {
            if (reference.kind() != Reference.Kind.CONDITION) {
                names.add(reference.target());
            }
        }
        return names;
    }

    /**
     * Visits every reference below {@code node}. Inside the true branch of {@code Fn::If [C, a, b]} the
     * guard set includes {@code C}; local variables of the list form of {@code Fn::Sub} are not references.
     */
    public static void walk(JsonNode node, String path, Set<String> guards, Consumer<Reference> visitor) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", guards, visitor);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.size() == 1) {
            Map.Entry<String, JsonNode> only = node.properties().iterator().next();
            if (walkIntrinsic(only.getKey(), only.getValue(), path, guards, visitor)) {
                return;
            }
        }
        node.properties().forEach(e -> walk(e.getValue(), join(path, e.getKey()), guards, visitor));
    }

    private static boolean walkIntrinsic(String function, JsonNode arg, String path, Set<String> guards,
                                         Consumer<Reference> visitor) {
        switch (function) {
            case "Ref" -> {
                if (!arg.isTextual()) {
                    return false;
                }
                visitor.accept(new Reference(Reference.Kind.REF, arg.asText(), "", "Ref", path, guards));
            }
            case "Condition" -> {
                if (!arg.isTextual()) {
                    return false;
                }
                visitor.accept(new Reference(Reference.Kind.CONDITION, arg.asText(), "", "Condition", path, guards));
            }
            case "Fn::GetAtt" -> walkGetAtt(arg, path, guards, visitor);
            case "Fn::Sub" -> walkSub(arg, path, guards, visitor);
            case "Fn::If" -> walkIf(arg, path, guards, visitor);
            default -> {
                return walkOtherFunction(function, arg, path, guards, visitor);
            }
        }
        return true;
    }

    private static boolean walkOtherFunction(String function, JsonNode arg, String path, Set<String> guards,
                                             Consumer<Reference> visitor) {
        if (!function.startsWith("Fn::")) {
            return false;
        }
        walk(arg, join(path, function), guards, visitor);
        return true;
    }

    private static void walkGetAtt(JsonNode arg, String path, Set<String> guards, Consumer<Reference> visitor) {
        Optional<List<String>> literal = literalGetAttArguments(arg);
        if (literal.isPresent()) {
            visitor.accept(new Reference(Reference.Kind.GET_ATT, literal.get().get(0), literal.get().get(1),
                    "Fn::GetAtt", path, guards));
            return;
        }
        if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual()) {
            visitor.accept(new Reference(Reference.Kind.GET_ATT, arg.get(0).asText(), "", "Fn::GetAtt", path,
                    guards));
            walk(arg.get(1), join(path, "Fn::GetAtt"), guards, visitor);
            return;
        }
        visitor.accept(new Reference(Reference.Kind.GET_ATT, arg.toString(), "", "Fn::GetAtt", path, guards));
    }

    private static void walkSub(JsonNode arg, String path, Set<String> guards, Consumer<Reference> visitor) {
        String template;
        Set<String> locals = new HashSet<>();
        if (arg.isTextual()) {
            template = arg.asText();
        } else if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual() && arg.get(1).isObject()) {
            template = arg.get(0).asText();
            arg.get(1).properties().forEach(e -> {
                locals.add(e.getKey());
                walk(e.getValue(), join(path, "Fn::Sub." + e.getKey()), guards, visitor);
            });
        } else {
            walk(arg, join(path, "Fn::Sub"), guards, visitor);
            return;
        }
        for (String placeholder : subPlaceholders(template)) {
            if (locals.contains(placeholder)) {
                continue;
            }
            int dot = placeholder.indexOf('.');
            if (dot > 0 && !placeholder.startsWith("AWS::")) {
                visitor.accept(new Reference(Reference.Kind.GET_ATT, placeholder.substring(0, dot),
                        placeholder.substring(dot + 1), "Fn::Sub", path, guards));
            } else {
                visitor.accept(new Reference(Reference.Kind.REF, placeholder, "", "Fn::Sub", path, guards));
            }
        }
    }

    private static void walkIf(JsonNode arg, String path, Set<String> guards, Consumer<Reference> visitor) {
        if (!arg.isArray() || arg.size() != 3 || !arg.get(0).isTextual()) {
            visitor.accept(new Reference(Reference.Kind.CONDITION, arg.toString(), "", "Fn::If", path, guards));
            return;
        }
        String condition = arg.get(0).asText();
        visitor.accept(new Reference(Reference.Kind.CONDITION, condition, "", "Fn::If", path, guards));
        Set<String> whenTrue = new HashSet<>(guards);
        whenTrue.add(condition);
        walk(arg.get(1), join(path, "Fn::If[1]"), whenTrue, visitor);
        walk(arg.get(2), join(path, "Fn::If[2]"), guards, visitor);
    }

    /** Variable names of {@code ${...}} placeholders in a {@code Fn::Sub} template ({@code ${!x}} is a literal). */
    public static List<String> subPlaceholders(String template) {
        List<String> names = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = template.indexOf("${", from);
            if (start < 0) {
                return names;
            }
            int end = template.indexOf('}', start + 2);
            if (end < 0) {
                return names;
            }
            String name = template.substring(start + 2, end).trim();
            if (!name.startsWith("!")) {
                names.add(name);
            }
            from = end + 1;
        }
    }

    static JsonNode soleArgument(JsonNode node, String function) {
        if (node != null && node.isObject() && node.size() == 1 && node.has(function)) {
            return node.get(function);
        }
        return null;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
