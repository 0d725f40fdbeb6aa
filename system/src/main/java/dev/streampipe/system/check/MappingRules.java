package dev.streampipe.system.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.system.template.Intrinsics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Failure handling of each stream mapping and pipe: partial batch responses, an on-failure destination,
 * bounded retries or record age, bisect, and ParallelizationFactor against per-key order. Values given by
 * parameters are judged at their defaults; a value the template cannot tell is not judged (never guessed).
 * DynamoDB's defaults apply to an absent property: retries -1 and record age -1 (both unbounded), no bisect.
 */
public final class MappingRules implements CheckRule {
    private static final long UNBOUNDED = -1;

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES, RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION,
                RuleId.MAPPING_UNBOUNDED_RETRIES, RuleId.MAPPING_WITHOUT_BISECT, RuleId.MAPPING_PARALLELIZATION_UNORDERED);
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
        List<String> resources = resources(consumer);
        if (!reportsItemFailures(context, settings.path("FunctionResponseTypes"))) {
            findings.add(CheckFinding.of(RuleId.MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES, resources,
                    consumer.label() + " lacks FunctionResponseTypes: [ReportBatchItemFailures], so Lambda ignores "
                            + "the handler's batchItemFailures (was " + written(settings.path("FunctionResponseTypes")) + ")"));
        }
        JsonNode destination = settings.path("DestinationConfig").path("OnFailure").path("Destination");
        if (absent(destination)) {
            findings.add(CheckFinding.of(RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION, resources,
                    consumer.label() + " has no DestinationConfig.OnFailure.Destination"));
        }
        common(context, consumer, settings, findings);
        Optional<String> bisect = context.values().render(settings.path("BisectBatchOnFunctionError"));
        if (bisect.isEmpty() || bisect.get().equalsIgnoreCase("false")) {
            findings.add(CheckFinding.of(RuleId.MAPPING_WITHOUT_BISECT, resources, consumer.label()
                    + " does not set BisectBatchOnFunctionError: true (was "
                    + written(settings.path("BisectBatchOnFunctionError")) + ")"));
        }
    }

    private void pipe(CheckContext context, StreamConsumer consumer, List<CheckFinding> findings) {
        JsonNode parameters = consumer.settings().path("SourceParameters").path("DynamoDBStreamParameters");
        List<String> resources = resources(consumer);
        if (absent(parameters.path("DeadLetterConfig").path("Arn"))) {
            findings.add(CheckFinding.of(RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION, resources, consumer.label()
                    + " has no SourceParameters.DynamoDBStreamParameters.DeadLetterConfig.Arn"));
        }
        common(context, consumer, parameters, findings);
        Optional<String> bisect = context.values().render(parameters.path("OnPartialBatchItemFailure"));
        if (bisect.filter("AUTOMATIC_BISECT"::equals).isEmpty()) {
            findings.add(new CheckFinding(RuleId.MAPPING_WITHOUT_BISECT, resources, consumer.label()
                    + " does not set OnPartialBatchItemFailure: AUTOMATIC_BISECT (was "
                    + written(parameters.path("OnPartialBatchItemFailure")) + ")",
                    "set SourceParameters.DynamoDBStreamParameters.OnPartialBatchItemFailure: AUTOMATIC_BISECT"));
        }
    }

    /** Retries and record age, and ParallelizationFactor: the same property names on mappings and pipes. */
    private void common(CheckContext context, StreamConsumer consumer, JsonNode settings,
                        List<CheckFinding> findings) {
        Optional<Long> retries = number(context, settings.path("MaximumRetryAttempts"));
        Optional<Long> age = number(context, settings.path("MaximumRecordAgeInSeconds"));
        if (retries.filter(r -> r == UNBOUNDED).isPresent() && age.filter(a -> a == UNBOUNDED).isPresent()) {
            findings.add(CheckFinding.of(RuleId.MAPPING_UNBOUNDED_RETRIES, resources(consumer), consumer.label()
                    + " retries without limit (MaximumRetryAttempts " + written(settings.path("MaximumRetryAttempts"))
                    + ") and has no maximum record age (MaximumRecordAgeInSeconds "
                    + written(settings.path("MaximumRecordAgeInSeconds")) + ")"));
        }
        Optional<Long> parallelization = number(context, settings.path("ParallelizationFactor"));
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

    /** The value as a number; absent means DynamoDB's default -1; empty when the template cannot tell. */
    private static Optional<Long> number(CheckContext context, JsonNode value) {
        if (absent(value)) {
            return Optional.of(UNBOUNDED);
        }
        Optional<String> rendered = context.values().render(value);
        try {
            return rendered.map(text -> (long) Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean absent(JsonNode value) {
        return value.isMissingNode() || value.isNull() || Intrinsics.isNoValue(value);
    }

    private static String written(JsonNode value) {
        return absent(value) ? "absent" : value.isValueNode() ? value.asText() : value.toString();
    }

    private static List<String> resources(StreamConsumer consumer) {
        return consumer.functionId().isEmpty() || consumer.id().startsWith(consumer.functionId() + ".")
                ? List.of(consumer.id()) : List.of(consumer.id(), consumer.functionId());
    }
}
