package dev.streampipe.system.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.system.template.Intrinsics;
import dev.streampipe.system.template.IteratorAgeAlarms;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Failures are seen and kept: every function with a stream mapping has an IteratorAge alarm
 * ({@link IteratorAgeAlarms}), and every asynchronous invoke configuration (a SAM function's
 * {@code EventInvokeConfig} or an {@code AWS::Lambda::EventInvokeConfig}) has an on-failure destination or the
 * function a {@code DeadLetterQueue}/{@code DeadLetterConfig}.
 */
public final class AlarmRules implements CheckRule {

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.FUNCTION_WITHOUT_ITERATOR_AGE_ALARM, RuleId.ASYNC_WITHOUT_FAILURE_DESTINATION);
    }

    @Override
    public List<CheckFinding> apply(CheckContext context) {
        List<CheckFinding> findings = new ArrayList<>();
        Set<String> streamFunctions = new LinkedHashSet<>();
        context.consumers().stream().filter(c -> c.kind() == StreamConsumer.Kind.EVENT_SOURCE_MAPPING)
                .map(StreamConsumer::functionId).filter(id -> !id.isEmpty()).forEach(streamFunctions::add);
        for (String function : streamFunctions) {
            if (IteratorAgeAlarms.of(context.template(), function).isEmpty()) {
                findings.add(CheckFinding.of(RuleId.FUNCTION_WITHOUT_ITERATOR_AGE_ALARM, List.of(function),
                        "function " + function + " reads a stream but no alarm watches its AWS/Lambda IteratorAge"));
            }
        }
        context.template().resources().forEach((id, resource) -> {
            JsonNode properties = resource.path("Properties");
            switch (resource.path("Type").asText()) {
                case "AWS::Serverless::Function" -> {
                    JsonNode config = properties.path("EventInvokeConfig");
                    if (!config.isMissingNode() && !hasOnFailure(config) && !hasDeadLetterQueue(properties)) {
                        findings.add(CheckFinding.of(RuleId.ASYNC_WITHOUT_FAILURE_DESTINATION, List.of(id),
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
                        findings.add(CheckFinding.of(RuleId.ASYNC_WITHOUT_FAILURE_DESTINATION, resources,
                                "event invoke config " + id + " has no DestinationConfig.OnFailure"
                                        + function.map(f -> " and function " + f + " no dead-letter queue").orElse("")));
                    }
                }
                default -> {
                    // not an async target configuration
                }
            }
        });
        return findings;
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
}
