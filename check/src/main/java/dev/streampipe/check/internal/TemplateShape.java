package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of every part of a template that {@code check} walks into, checked before any rule runs: a wrong
 * shape is bad input naming its path ({@code Resources.Router.Properties.Events must be a map, was a list}),
 * never read as "absent". {@link #SHAPES} lists the containers the readers descend into ({@code StreamReaders},
 * {@link MappingRules}, {@link TableWriters}, {@link AlarmRules}, {@code IteratorAgeAlarms},
 * {@link TemplateValues}); whoever makes a reader walk somewhere new adds the path here. A setting a rule judges is
 * not here: its invalid value is a finding about it ({@link MappingRules}). An intrinsic function (a one-key map
 * of {@code Ref} or {@code Fn::...}) stands for what the template cannot tell and fits every shape but a
 * parameter's {@code Default}; an absent part fits every shape. Resource and parameter names must be logical ids.
 */
public final class TemplateShape {
    private static final String ANY_RESOURCE = "*";
    private static final Map<String, String> SHAPE_NAMES = Map.of("map", "a map", "list", "a list", "string",
            "a string", "map or list", "a map or a list", "scalar", "a string or a number (not an intrinsic function)");
    /** Per resource type ({@code *}: every resource): a path below the resource, {@code *} for every key of a map
     * and {@code []} for every element of a list, and the shape it must have. Parents come before children. */
    private static final Map<String, List<String>> SHAPES = Map.ofEntries(
            Map.entry(ANY_RESOURCE, List.of("Properties: map")),
            Map.entry("AWS::Serverless::Function", List.of("Properties.Events: map", "Properties.Events.*: map",
                    "Properties.Events.*.Type: string", "Properties.Events.*.Properties: map",
                    "Properties.Events.*.Properties.DestinationConfig: map",
                    "Properties.Events.*.Properties.DestinationConfig.OnFailure: map",
                    "Properties.EventInvokeConfig: map", "Properties.EventInvokeConfig.DestinationConfig: map",
                    "Properties.EventInvokeConfig.DestinationConfig.OnFailure: map", "Properties.DeadLetterQueue: map",
                    "Properties.DeadLetterConfig: map",
                    "Properties.Policies.Statement: map or list", "Properties.Policies.[].Statement: map or list",
                    "Properties.Policies.DynamoDBCrudPolicy: map", "Properties.Policies.DynamoDBWritePolicy: map",
                    "Properties.Policies.[].DynamoDBCrudPolicy: map", "Properties.Policies.[].DynamoDBWritePolicy: map")),
            Map.entry("AWS::Lambda::Function", List.of("Properties.DeadLetterConfig: map",
                    "Properties.DeadLetterQueue: map")),
            Map.entry("AWS::Lambda::EventSourceMapping", List.of("Properties.DestinationConfig: map",
                    "Properties.DestinationConfig.OnFailure: map")),
            Map.entry("AWS::Lambda::EventInvokeConfig", List.of("Properties.DestinationConfig: map",
                    "Properties.DestinationConfig.OnFailure: map")),
            Map.entry("AWS::Pipes::Pipe", List.of("Properties.SourceParameters: map",
                    "Properties.SourceParameters.DynamoDBStreamParameters: map",
                    "Properties.SourceParameters.DynamoDBStreamParameters.DeadLetterConfig: map")),
            Map.entry("AWS::ECS::TaskDefinition", List.of("Properties.ContainerDefinitions: list",
                    "Properties.ContainerDefinitions.[]: map", "Properties.ContainerDefinitions.[].Environment: list",
                    "Properties.ContainerDefinitions.[].Environment.[]: map",
                    "Properties.ContainerDefinitions.[].Environment.[].Name: string")),
            Map.entry("AWS::CloudWatch::Alarm", List.of("Properties.MetricName: string", "Properties.Namespace: string",
                    "Properties.Dimensions: list", "Properties.Dimensions.[]: map", "Properties.Dimensions.[].Name: string",
                    "Properties.Metrics: list", "Properties.Metrics.[]: map", "Properties.Metrics.[].MetricStat: map",
                    "Properties.Metrics.[].MetricStat.Metric: map",
                    "Properties.Metrics.[].MetricStat.Metric.MetricName: string",
                    "Properties.Metrics.[].MetricStat.Metric.Namespace: string",
                    "Properties.Metrics.[].MetricStat.Metric.Dimensions: list",
                    "Properties.Metrics.[].MetricStat.Metric.Dimensions.[]: map",
                    "Properties.Metrics.[].MetricStat.Metric.Dimensions.[].Name: string")),
            Map.entry("AWS::IAM::Role", List.of("Properties.Policies: list", "Properties.Policies.[]: map",
                    "Properties.Policies.[].PolicyDocument: map",
                    "Properties.Policies.[].PolicyDocument.Statement: map or list",
                    "Properties.ManagedPolicyArns: list")),
            Map.entry("AWS::IAM::Policy", List.of("Properties.PolicyDocument: map",
                    "Properties.PolicyDocument.Statement: map or list", "Properties.Roles: list")),
            Map.entry("AWS::IAM::ManagedPolicy", List.of("Properties.PolicyDocument: map",
                    "Properties.PolicyDocument.Statement: map or list", "Properties.Roles: list")));
    private static final List<String> PARAMETER_SHAPES = List.of("Parameters: map", "Parameters.*: map",
            "Parameters.*.Type: string", "Parameters.*.Default: scalar");
    /** CloudFormation's rule for logical ids (of resources and parameters): alphanumeric, at most 255. */
    private static final Pattern LOGICAL_ID = Pattern.compile("[A-Za-z0-9]{1,255}");

    private TemplateShape() {
    }

    /**
     * The first wrong shape in document order, e.g. {@code Resources.Fn.Properties.Events must be a map, was a
     * list}; empty if every part {@code check} reads has its shape.
     *
     * @param root a template's top level, a map
     */
    static Optional<String> check(JsonNode root) {
        List<String> problems = new ArrayList<>();
        for (String section : List.of("Parameters", "Resources")) {
            root.path(section).fieldNames().forEachRemaining(id -> {
                if (!LOGICAL_ID.matcher(id).matches()) {
                    problems.add(section + " has '" + Abbreviate.text(id) + "', not a logical id (CloudFormation's "
                            + "are 1 to 255 letters and digits)");
                }
            });
        }
        PARAMETER_SHAPES.forEach(rule -> walk(root, "", path(rule), shape(rule), problems));
        walk(root, "", List.of("Resources"), "map", problems);
        if (problems.isEmpty()) {
            root.path("Resources").properties().forEach(resource -> {
                String where = "Resources." + resource.getKey();
                JsonNode node = resource.getValue();
                if (!node.isObject()) {
                    problems.add(where + " must be a map, was " + kind(node));
                } else if (!node.has("Type")) {
                    problems.add(where + " has no Type");
                } else if (!node.get("Type").isTextual()) {
                    problems.add(where + ".Type must be a string, was " + kind(node.get("Type")));
                } else {
                    for (String type : List.of(ANY_RESOURCE, node.path("Type").asText())) {
                        SHAPES.getOrDefault(type, List.of()).forEach(rule ->
                                walk(node, where, path(rule), shape(rule), problems));
                    }
                }
            });
        }
        return problems.stream().findFirst();
    }

    private static void walk(JsonNode node, String where, List<String> rest, String shape, List<String> problems) {
        if (rest.isEmpty()) {
            if (!fits(node, shape)) {
                problems.add(where + " must be " + SHAPE_NAMES.get(shape) + ", was " + kind(node));
            }
            return;
        }
        String step = rest.get(0);
        List<String> next = rest.subList(1, rest.size());
        if (step.equals("[]") && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "[" + i + "]", next, shape, problems);
            }
        } else if (node.isObject() && !isIntrinsic(node)) {
            if (step.equals("*")) {
                node.properties().forEach(e -> walk(e.getValue(), join(where, e.getKey()), next, shape, problems));
            } else if (node.has(step)) {
                walk(node.get(step), join(where, step), next, shape, problems);
            }
        }
    }

    private static boolean fits(JsonNode node, String shape) {
        if (node.isMissingNode()) {
            return true;
        }
        if (shape.equals("scalar")) {
            return node.isValueNode() && !node.isNull();
        }
        if (isIntrinsic(node)) {
            return true;
        }
        return switch (shape) {
            case "map" -> node.isObject();
            case "list" -> node.isArray();
            case "map or list" -> node.isObject() || node.isArray();
            case "string" -> node.isTextual();
            default -> throw new IllegalStateException("unknown shape " + shape);
        };
    }

    /** A one-key map of {@code Ref} (to a name) or {@code Fn::...}: a value known at deploy time. */
    static boolean isIntrinsic(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String function = node.fieldNames().next();
        return function.equals("Ref") ? node.get("Ref").isTextual() : function.startsWith("Fn::");
    }

    /** What a node is, for messages: {@code a list}, {@code a number (5)}, {@code a string ('ten')}... */
    public static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a map";
            case STRING -> "a string ('" + Abbreviate.text(node.asText()) + "')";
            case NUMBER -> "a number (" + Abbreviate.text(node.asText()) + ")";
            case BOOLEAN -> "a boolean (" + node.asText() + ")";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static List<String> path(String rule) {
        return Arrays.asList(rule.substring(0, rule.indexOf(':')).split("\\."));
    }

    private static String shape(String rule) {
        return rule.substring(rule.indexOf(':') + 1).trim();
    }

    private static String join(String where, String key) {
        return where.isEmpty() ? key : where + "." + Abbreviate.text(key);
    }
}
