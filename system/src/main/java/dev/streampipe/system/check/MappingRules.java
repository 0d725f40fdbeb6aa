package dev.streampipe.system.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.system.template.Intrinsics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failure handling of each stream mapping and pipe: partial batch responses, an on-failure destination,
 * bounded retries or record age, bisect, and ParallelizationFactor against per-key order; and every
 * {@link MappingSetting} set to a value Lambda or EventBridge Pipes would reject (high; the rules that read that
 * setting then do not judge it). Values given by parameters are judged at their defaults; a value the template
 * cannot tell is not judged (never guessed). DynamoDB's defaults apply to an absent property: retries -1 and
 * record age -1 (both unbounded), no bisect.
 */
public final class MappingRules implements CheckRule {
    private static final long UNBOUNDED = -1;

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.MAPPING_INVALID_SETTING, RuleId.MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES,
                RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION, RuleId.MAPPING_UNBOUNDED_RETRIES,
                RuleId.MAPPING_WITHOUT_BISECT, RuleId.MAPPING_PARALLELIZATION_UNORDERED);
    }

    @Override
    public List<CheckFinding> apply(CheckContext context) {
        List<CheckFinding> findings = new ArrayList<>();
        for (StreamConsumer consumer : context.consumers()) {
            switch (consumer.kind()) {
                case EVENT_SOURCE_MAPPING -> mapping(context, consumer, findings);
                case PIPE -> pipe(context, consumer, findings);
                default -> {
                    // services and external readers have no mapping settings in the template
                }
            }
        }
        return findings;
    }

    private void mapping(CheckContext context, StreamConsumer consumer, List<CheckFinding> findings) {
        JsonNode settings = consumer.settings();
        Map<MappingSetting, SettingValue> values = read(context, consumer, settings, MappingSetting.OF_MAPPING,
                "Lambda", findings);
        List<String> resources = resources(consumer);
        if (!reportsItemFailures(context, settings.path("FunctionResponseTypes"))) {
            findings.add(CheckFinding.of(RuleId.MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES, resources,
                    consumer.label() + " lacks FunctionResponseTypes: [ReportBatchItemFailures], so Lambda ignores "
                            + "the handler's batchItemFailures (was " + written(settings.path("FunctionResponseTypes")) + ")"));
        }
        if (values.get(MappingSetting.ON_FAILURE_DESTINATION).kind() == SettingValue.Kind.ABSENT) {
            findings.add(CheckFinding.of(RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION, resources,
                    consumer.label() + " has no DestinationConfig.OnFailure.Destination"));
        }
        common(context, consumer, settings, values, findings);
        SettingValue bisect = values.get(MappingSetting.BISECT_BATCH_ON_FUNCTION_ERROR);
        if (bisect.kind() == SettingValue.Kind.ABSENT || bisect.kind() == SettingValue.Kind.VALID && !bisect.isTrue()) {
            findings.add(CheckFinding.of(RuleId.MAPPING_WITHOUT_BISECT, resources, consumer.label()
                    + " does not set BisectBatchOnFunctionError: true (was " + bisect.written() + ")"));
        }
    }

    private void pipe(CheckContext context, StreamConsumer consumer, List<CheckFinding> findings) {
        JsonNode parameters = consumer.settings().path("SourceParameters").path("DynamoDBStreamParameters");
        Map<MappingSetting, SettingValue> values = read(context, consumer, parameters, MappingSetting.OF_PIPE,
                "EventBridge Pipes", findings);
        List<String> resources = resources(consumer);
        if (values.get(MappingSetting.DEAD_LETTER_ARN).kind() == SettingValue.Kind.ABSENT) {
            findings.add(CheckFinding.of(RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION, resources, consumer.label()
                    + " has no SourceParameters.DynamoDBStreamParameters.DeadLetterConfig.Arn"));
        }
        common(context, consumer, parameters, values, findings);
        if (values.get(MappingSetting.ON_PARTIAL_BATCH_ITEM_FAILURE).kind() == SettingValue.Kind.ABSENT) {
            findings.add(new CheckFinding(RuleId.MAPPING_WITHOUT_BISECT, resources, consumer.label()
                    + " does not set OnPartialBatchItemFailure: AUTOMATIC_BISECT (was absent)",
                    "set SourceParameters.DynamoDBStreamParameters.OnPartialBatchItemFailure: AUTOMATIC_BISECT"));
        }
    }

    /** Every setting of {@code which}, read once; an invalid one is a finding, in {@link MappingSetting} order. */
    private static Map<MappingSetting, SettingValue> read(CheckContext context, StreamConsumer consumer,
                                                          JsonNode settings, List<MappingSetting> which,
                                                          String service, List<CheckFinding> findings) {
        Map<MappingSetting, SettingValue> values = new EnumMap<>(MappingSetting.class);
        for (MappingSetting setting : which) {
            SettingValue value = setting.read(settings, context.values());
            values.put(setting, value);
            if (value.kind() == SettingValue.Kind.INVALID) {
                findings.add(new CheckFinding(RuleId.MAPPING_INVALID_SETTING, resources(consumer), consumer.label()
                        + ": " + value.problem() + "; " + service + " will reject the template",
                        "set " + setting.property() + " to " + setting.expected()));
            }
        }
        return values;
    }

    /** Retries and record age, and ParallelizationFactor: the same property names on mappings and pipes. */
    private void common(CheckContext context, StreamConsumer consumer, JsonNode settings,
                        Map<MappingSetting, SettingValue> values, List<CheckFinding> findings) {
        Optional<Long> retries = number(values.get(MappingSetting.MAXIMUM_RETRY_ATTEMPTS));
        Optional<Long> age = number(values.get(MappingSetting.MAXIMUM_RECORD_AGE));
        if (retries.filter(r -> r == UNBOUNDED).isPresent() && age.filter(a -> a == UNBOUNDED).isPresent()) {
            findings.add(CheckFinding.of(RuleId.MAPPING_UNBOUNDED_RETRIES, resources(consumer), consumer.label()
                    + " retries without limit (MaximumRetryAttempts " + written(settings.path("MaximumRetryAttempts"))
                    + ") and has no maximum record age (MaximumRecordAgeInSeconds "
                    + written(settings.path("MaximumRecordAgeInSeconds")) + ")"));
        }
        Optional<Long> parallelization = number(values.get(MappingSetting.PARALLELIZATION_FACTOR));
        String orderedName = consumer.functionId().isEmpty() ? consumer.id() : consumer.functionId();
        if (parallelization.filter(p -> p > 1).isPresent()
                && !context.config().orderedHandlers().contains(orderedName)) {
            findings.add(CheckFinding.of(RuleId.MAPPING_PARALLELIZATION_UNORDERED, resources(consumer), consumer.label()
                    + " has ParallelizationFactor " + parallelization.get() + " and " + orderedName
                    + " is not listed under orderedHandlers, so per-key order is not known to be kept"));
        }
    }

    private static boolean reportsItemFailures(CheckContext context, JsonNode types) {
        List<JsonNode> elements = new ArrayList<>();
        if (types.isArray()) {
            types.forEach(elements::add);
        } else {
            elements.add(types);
        }
        return elements.stream().map(context.values()::render)
                .anyMatch(value -> value.filter("ReportBatchItemFailures"::equals).isPresent());
    }

    /** A valid value as a number; absent means DynamoDB's default -1; empty when unresolved or invalid. */
    private static Optional<Long> number(SettingValue value) {
        return switch (value.kind()) {
            case ABSENT -> Optional.of(UNBOUNDED);
            case VALID -> Optional.of(value.whole());
            case UNRESOLVED, INVALID -> Optional.empty();
        };
    }

    private static String written(JsonNode value) {
        if (value.isMissingNode() || Intrinsics.isNoValue(value)) {
            return "absent";
        }
        return Abbreviate.text(value.isValueNode() && !value.isNull() ? value.asText() : value.toString());
    }

    private static List<String> resources(StreamConsumer consumer) {
        return consumer.functionId().isEmpty() || consumer.id().startsWith(consumer.functionId() + ".")
                ? List.of(consumer.id()) : List.of(consumer.id(), consumer.functionId());
    }
}
