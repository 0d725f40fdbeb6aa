package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import dev.streampipe.check.StreamReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Failures are seen and kept.
 *
 * <p>{@code check}'s rules: every function with a DynamoDB stream mapping has an IteratorAge alarm
 * ({@link IteratorAgeAlarms}; {@link RuleId#FUNCTION_WITHOUT_ITERATOR_AGE_ALARM}), and every asynchronous invoke
 * configuration (a SAM function's {@code EventInvokeConfig} or an {@code AWS::Lambda::EventInvokeConfig}) has an
 * on-failure destination or the function a {@code DeadLetterQueue}/{@code DeadLetterConfig}
 * ({@link RuleId#ASYNC_WITHOUT_FAILURE_DESTINATION}).
 *
 * <p>The template invariant {@link RuleId#ALARMS}: the alarms docs/design.md §8 asks for exist and notify an
 * encrypted topic.
 * <ul>
 *   <li>every function with a stream mapping (DynamoDB or Kinesis): {@code AWS/Lambda IteratorAge}, statistic
 *       {@code Maximum}, dimension {@code FunctionName} on that function, firing above at most
 *       {@value #MAX_ITERATOR_AGE_MS} ms;</li>
 *   <li>every hot-key monitor (a stream-reading service with {@code METRIC_NAMESPACE}): {@code HotKeyCount}
 *       in that namespace with dimension {@code TableName} on the table it reads, firing above 0;</li>
 *   <li>every dead-letter queue (redrive target, on-failure destination, {@code DeadLetterConfig},
 *       a {@code *DEAD_LETTER_QUEUE*} environment variable): {@code AWS/SQS ApproximateNumberOfMessagesVisible}
 *       with dimension {@code QueueName}, firing above 0;</li>
 *   <li>every alarm has {@code AlarmActions}, each an SNS topic of this template with a KMS key.</li>
 * </ul>
 */
public final class AlarmRules implements CheckRule {
    /** Highest acceptable iterator-age threshold. */
    public static final long MAX_ITERATOR_AGE_MS = 60_000;

    @Override
    public String name() {
        return "alarms";
    }

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.FUNCTION_WITHOUT_ITERATOR_AGE_ALARM, RuleId.ASYNC_WITHOUT_FAILURE_DESTINATION,
                RuleId.ALARMS);
    }

    @Override
    public List<Finding> apply(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        iteratorAgeAlarmPerStreamFunction(context, findings);
        asyncFailureDestinations(context, findings);
        invariantAlarms(context.template(), context.templateReaders(), findings);
        return findings;
    }

    private static void iteratorAgeAlarmPerStreamFunction(CheckContext context, List<Finding> findings) {
        Set<String> streamFunctions = new LinkedHashSet<>();
        context.readers().stream().filter(c -> c.kind() == StreamReader.Kind.EVENT_SOURCE_MAPPING)
                .map(StreamReader::functionId).filter(id -> !id.isEmpty()).forEach(streamFunctions::add);
        for (String function : streamFunctions) {
            if (IteratorAgeAlarms.of(context.template(), function).isEmpty()) {
                findings.add(Finding.of(RuleId.FUNCTION_WITHOUT_ITERATOR_AGE_ALARM, List.of(function),
                        "function " + function + " reads a stream but no alarm watches its AWS/Lambda IteratorAge"));
            }
        }
    }

    private static void asyncFailureDestinations(CheckContext context, List<Finding> findings) {
        context.template().resources().forEach((id, resource) -> {
            JsonNode properties = resource.path("Properties");
            switch (resource.path("Type").asText()) {
                case "AWS::Serverless::Function" -> {
                    JsonNode config = properties.path("EventInvokeConfig");
                    if (!config.isMissingNode() && !hasOnFailure(config) && !hasDeadLetterQueue(properties)) {
                        findings.add(Finding.of(RuleId.ASYNC_WITHOUT_FAILURE_DESTINATION, List.of(id),
                                "function " + id + " has an EventInvokeConfig without DestinationConfig.OnFailure "
                                        + "and no DeadLetterQueue"));
                    }
                }
                case "AWS::Lambda::EventInvokeConfig" -> {
                    Optional<String> function = Intrinsics.referencedNames(properties.path("FunctionName")).stream()
                            .map(name -> name.replaceFirst("\\.(Alias|Version)$", "")).findFirst();
                    boolean dlq = function.map(f -> hasDeadLetterQueue(context.template().section("Resources")
                            .path(f).path("Properties"))).orElse(false);
                    if (!hasOnFailure(properties) && !dlq) {
                        List<String> resources = new ArrayList<>(List.of(id));
                        function.ifPresent(resources::add);
                        findings.add(Finding.of(RuleId.ASYNC_WITHOUT_FAILURE_DESTINATION, resources,
                                "event invoke config " + id + " has no DestinationConfig.OnFailure"
                                        + function.map(f -> " and function " + f + " no dead-letter queue").orElse("")));
                    }
                }
                default -> {
                    // not an async target configuration
                }
            }
        });
    }

    /** A destination, or for SAM a {@code Type} alone (SAM then creates the queue or topic). */
    private static boolean hasOnFailure(JsonNode config) {
        JsonNode onFailure = config.path("DestinationConfig").path("OnFailure");
        return present(onFailure.path("Destination")) || present(onFailure.path("Type"));
    }

    private static boolean present(JsonNode value) {
        return !value.isMissingNode() && !value.isNull() && !Intrinsics.isNoValue(value);
    }

    private static boolean hasDeadLetterQueue(JsonNode functionProperties) {
        return functionProperties.path("DeadLetterQueue").has("TargetArn")
                || functionProperties.path("DeadLetterConfig").has("TargetArn");
    }

    /** {@link RuleId#ALARMS}: see the class comment. */
    private static void invariantAlarms(CfnTemplate template, List<StreamReader> readers, List<Finding> findings) {
        Map<String, JsonNode> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        readers.stream().map(StreamReader::functionId).filter(id -> !id.isEmpty()).distinct().forEach(function ->
                requireAlarm(findings, "Resources." + function, IteratorAgeAlarms.of(template, function).stream()
                                .anyMatch(a -> "Maximum".equals(a.path("Statistic").asText())
                                        && firesAbove(template, a, MAX_ITERATOR_AGE_MS)),
                        "IteratorAge alarm (AWS/Lambda, Maximum, FunctionName " + function + ", threshold <= "
                                + MAX_ITERATOR_AGE_MS + " ms)"));
        readers.stream().filter(r -> r.kind() == StreamReader.Kind.SERVICE && r.settings().has("METRIC_NAMESPACE"))
                .forEach(monitor -> requireAlarm(alarms, findings, "Resources." + monitor.id(),
                        sameNamespace(template, monitor.settings().get("METRIC_NAMESPACE"))
                                .and(metric(null, "HotKeyCount", "TableName", monitor.stream()))
                                .and(a -> firesAbove(template, a, 0)),
                        "HotKeyCount alarm for table " + monitor.stream() + " (namespace of METRIC_NAMESPACE, "
                                + "threshold 0)"));
        for (String queue : deadLetterQueues(template)) {
            requireAlarm(alarms, findings, "Resources." + queue,
                    metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue)
                            .and(a -> firesAbove(template, a, 0)),
                    "depth alarm for dead-letter queue " + queue
                            + " (AWS/SQS ApproximateNumberOfMessagesVisible > 0)");
        }
        alarms.forEach((id, alarm) -> checkActions(template, id, alarm, findings));
    }

    /** Queues that receive what failed elsewhere; their depth must be watched. */
    public static Set<String> deadLetterQueues(CfnTemplate template) {
        Set<String> queues = new LinkedHashSet<>();
        template.resources().values().forEach(resource -> collectDeadLetterTargets(resource, queues));
        queues.removeIf(id -> !template.typeOf(id).filter("AWS::SQS::Queue"::equals).isPresent());
        return queues;
    }

    private static void collectDeadLetterTargets(JsonNode node, Set<String> out) {
        if (node.isArray()) {
            node.forEach(element -> collectDeadLetterTargets(element, out));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        node.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.equals("deadLetterTargetArn") || key.contains("DEAD_LETTER_QUEUE")) {
                out.addAll(Intrinsics.referencedNames(value));
            } else if (key.equals("OnFailure")) {
                out.addAll(Intrinsics.referencedNames(value.path("Destination")));
            } else if (key.equals("DeadLetterConfig") || key.equals("DeadLetterQueue")) {
                out.addAll(Intrinsics.referencedNames(value.path("Arn")));
                out.addAll(Intrinsics.referencedNames(value.path("TargetArn")));
            }
            collectDeadLetterTargets(value, out);
        });
    }

    private static void requireAlarm(Map<String, JsonNode> alarms, List<Finding> findings, String location,
                                     Predicate<JsonNode> matches, String wanted) {
        requireAlarm(findings, location,
                alarms.values().stream().map(alarm -> alarm.path("Properties")).anyMatch(matches), wanted);
    }

    private static void requireAlarm(List<Finding> findings, String location, boolean found, String wanted) {
        if (!found) {
            findings.add(Finding.at(RuleId.ALARMS, location, "no " + wanted));
        }
    }

    private static Predicate<JsonNode> metric(String namespace, String metricName, String dimension, String target) {
        return alarm -> (namespace == null || namespace.equals(alarm.path("Namespace").asText()))
                && metricName.equals(alarm.path("MetricName").asText())
                && dimensionRefers(alarm, dimension, target);
    }

    private static Predicate<JsonNode> sameNamespace(CfnTemplate template, JsonNode expected) {
        Optional<String> resolved = template.resolveScalar(expected);
        return alarm -> alarm.path("Namespace").equals(expected)
                || resolved.isPresent() && resolved.equals(template.resolveScalar(alarm.path("Namespace")));
    }

    private static boolean dimensionRefers(JsonNode alarm, String dimension, String target) {
        for (JsonNode entry : alarm.path("Dimensions")) {
            if (dimension.equals(entry.path("Name").asText())) {
                for (String name : Intrinsics.referencedNames(entry.path("Value"))) {
                    if (name.equals(target) || name.startsWith(target + ".")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True if the alarm fires for every value above {@code limit} (so it catches anything past the limit). */
    private static boolean firesAbove(CfnTemplate template, JsonNode alarm, long limit) {
        Optional<Double> threshold = template.resolveScalar(alarm.path("Threshold")).flatMap(AlarmRules::number);
        String comparison = alarm.path("ComparisonOperator").asText();
        if (threshold.isEmpty()) {
            return false;
        }
        return switch (comparison) {
            case "GreaterThanThreshold" -> threshold.get() <= limit;
            case "GreaterThanOrEqualToThreshold" -> threshold.get() <= limit + 1;
            default -> false;
        };
    }

    private static void checkActions(CfnTemplate template, String id, JsonNode alarm, List<Finding> findings) {
        JsonNode actions = alarm.path("Properties").path("AlarmActions");
        String location = "Resources." + id + ".Properties.AlarmActions";
        if (!actions.isArray() || actions.isEmpty()) {
            findings.add(Finding.at(RuleId.ALARMS, location, "alarm notifies nobody (no AlarmActions)"));
            return;
        }
        for (JsonNode action : actions) {
            Optional<String> topic = Intrinsics.refTarget(action)
                    .filter(t -> template.typeOf(t).filter("AWS::SNS::Topic"::equals).isPresent());
            if (topic.isEmpty()) {
                findings.add(Finding.at(RuleId.ALARMS, location, "action " + action + " is not an SNS topic of this template"));
            } else if (!template.section("Resources").path(topic.get()).path("Properties").has("KmsMasterKeyId")) {
                findings.add(Finding.at(RuleId.ALARMS, location, "alarm topic " + topic.get() + " is not encrypted"));
            }
        }
    }

    private static Optional<Double> number(String text) {
        try {
            return Optional.of(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
