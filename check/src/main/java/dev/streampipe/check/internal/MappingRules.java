package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import dev.streampipe.check.StreamReader;
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
    public String name() {
        return "stream-mappings";
    }

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.MAPPING_INVALID_SETTING, RuleId.MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES,
                RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION, RuleId.MAPPING_UNBOUNDED_RETRIES,
                RuleId.MAPPING_WITHOUT_BISECT, RuleId.MAPPING_PARALLELIZATION_UNORDERED);
    }

    @Override
    public List<Finding> apply(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        for (StreamReader reader : context.readers()) {
            switch (reader.kind()) {
                case EVENT_SOURCE_MAPPING -> mapping(context, reader, findings);
                case PIPE -> pipe(context, reader, findings);
                default -> {
                    // services and external readers have no mapping settings in the template
                }
            }
        }
        return findings;
    }

    private void mapping(CheckContext context, StreamReader reader, List<Finding> findings) {
        JsonNode settings = reader.settings();
        Map<MappingSetting, SettingValue> values = read(context, reader, settings, MappingSetting.OF_MAPPING,
                "Lambda", findings);
        List<String> resources = resources(reader);
        if (!reportsItemFailures(context, settings.path("FunctionResponseTypes"))) {
            findings.add(Finding.of(RuleId.MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES, resources,
                    reader.label() + " lacks FunctionResponseTypes: [ReportBatchItemFailures], so Lambda ignores "
                            + "the handler's batchItemFailures (was " + written(settings.path("FunctionResponseTypes")) + ")"));
        }
        if (values.get(MappingSetting.ON_FAILURE_DESTINATION).kind() == SettingValue.Kind.ABSENT) {
            findings.add(Finding.of(RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION, resources,
                    reader.label() + " has no DestinationConfig.OnFailure.Destination"));
        }
        common(context, reader, settings, values, findings);
        SettingValue bisect = values.get(MappingSetting.BISECT_BATCH_ON_FUNCTION_ERROR);
        if (bisect.kind() == SettingValue.Kind.ABSENT || bisect.kind() == SettingValue.Kind.VALID && !bisect.isTrue()) {
            findings.add(Finding.of(RuleId.MAPPING_WITHOUT_BISECT, resources, reader.label()
                    + " does not set BisectBatchOnFunctionError: true (was " + bisect.written() + ")"));
        }
    }

    private void pipe(CheckContext context, StreamReader reader, List<Finding> findings) {
        JsonNode parameters = reader.settings().path("SourceParameters").path("DynamoDBStreamParameters");
        Map<MappingSetting, SettingValue> values = read(context, reader, parameters, MappingSetting.OF_PIPE,
                "EventBridge Pipes", findings);
        List<String> resources = resources(reader);
        if (values.get(MappingSetting.DEAD_LETTER_ARN).kind() == SettingValue.Kind.ABSENT) {
            findings.add(Finding.of(RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION, resources, reader.label()
                    + " has no SourceParameters.DynamoDBStreamParameters.DeadLetterConfig.Arn"));
        }
        common(context, reader, parameters, values, findings);
        if (values.get(MappingSetting.ON_PARTIAL_BATCH_ITEM_FAILURE).kind() == SettingValue.Kind.ABSENT) {
            findings.add(Finding.of(RuleId.MAPPING_WITHOUT_BISECT, resources, reader.label()
                    + " does not set OnPartialBatchItemFailure: AUTOMATIC_BISECT (was absent)",
                    "set SourceParameters.DynamoDBStreamParameters.OnPartialBatchItemFailure: AUTOMATIC_BISECT"));
        }
    }

    /** Every setting of {@code which}, read once; an invalid one is a finding, in {@link MappingSetting} order. */
    private static Map<MappingSetting, SettingValue> read(CheckContext context, StreamReader reader,
                                                          JsonNode settings, List<MappingSetting> which,
                                                          String service, List<Finding> findings) {
        Map<MappingSetting, SettingValue> values = new EnumMap<>(MappingSetting.class);
        for (MappingSetting setting : which) {
            SettingValue value = setting.read(settings, context.values());
            values.put(setting, value);
            if (value.kind() == SettingValue.Kind.INVALID) {
                findings.add(Finding.of(RuleId.MAPPING_INVALID_SETTING, resources(reader), reader.label()
                        + ": " + value.problem() + "; " + service + " will reject the template",
                        "set " + setting.property() + " to " + setting.expected()));
            }
        }
        return values;
    }

    /** Retries and record age, and ParallelizationFactor: the same property names on mappings and pipes. */
    private void common(CheckContext context, StreamReader reader, JsonNode settings,
                        Map<MappingSetting, SettingValue> values, List<Finding> findings) {
        Optional<Long> retries = number(values.get(MappingSetting.MAXIMUM_RETRY_ATTEMPTS));
        Optional<Long> age = number(values.get(MappingSetting.MAXIMUM_RECORD_AGE));
        if (retries.filter(r -> r == UNBOUNDED).isPresent() && age.filter(a -> a == UNBOUNDED).isPresent()) {
            findings.add(Finding.of(RuleId.MAPPING_UNBOUNDED_RETRIES, resources(reader), reader.label()
                    + " retries without limit (MaximumRetryAttempts " + written(settings.path("MaximumRetryAttempts"))
                    + ") and has no maximum record age (MaximumRecordAgeInSeconds "
                    + written(settings.path("MaximumRecordAgeInSeconds")) + ")"));
        }
        Optional<Long> parallelization = number(values.get(MappingSetting.PARALLELIZATION_FACTOR));
        String orderedName = reader.functionId().isEmpty() ? reader.id() : reader.functionId();
        if (parallelization.filter(p -> p > 1).isPresent()
                && !context.config().orderedHandlers().contains(orderedName)) {
            findings.add(Finding.of(RuleId.MAPPING_PARALLELIZATION_UNORDERED, resources(reader), reader.label()
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

    private static List<String> resources(StreamReader reader) {
        return reader.functionId().isEmpty() || reader.id().startsWith(reader.functionId() + ".")
                ? List.of(reader.id()) : List.of(reader.id(), reader.functionId());
    }
}
