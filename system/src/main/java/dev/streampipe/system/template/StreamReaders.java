package dev.streampipe.system.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every reader of a stream in a template: SAM {@code DynamoDB}/{@code Kinesis} events, event source
 * mappings on a stream, pipes, and ECS services whose task definition passes a stream ARN to a container
 * (a KCL application; its workers share leases, so one service is one reader whatever its task count).
 */
public final class StreamReaders {
    private static final Set<String> STREAM_EVENT_TYPES = Set.of("DynamoDB", "Kinesis");

    private StreamReaders() {
    }

    /** All readers, in template order. */
    public static List<StreamReader> of(CfnTemplate template) {
        List<StreamReader> readers = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            JsonNode properties = resource.path("Properties");
            switch (resource.path("Type").asText()) {
                case "AWS::Serverless::Function" -> properties.path("Events").properties().forEach(event -> {
                    if (STREAM_EVENT_TYPES.contains(event.getValue().path("Type").asText())) {
                        JsonNode mapping = event.getValue().path("Properties");
                        readers.add(new StreamReader(streamOf(template, mapping.path("Stream")),
                                id + "." + event.getKey(), StreamReader.Kind.EVENT_SOURCE_MAPPING, mapping, id,
                                mapping.path("Stream")));
                    }
                });
                case "AWS::Lambda::EventSourceMapping" -> {
                    JsonNode source = properties.path("EventSourceArn");
                    if (isStream(template, source) || readsUnknownStream(properties)) {
                        String function = Intrinsics.referencedNames(properties.path("FunctionName")).stream()
                                .map(name -> name.replaceFirst("\\.(Alias|Version)$", ""))
                                .findFirst().orElse("");
                        readers.add(new StreamReader(streamOf(template, source), id,
                                StreamReader.Kind.EVENT_SOURCE_MAPPING, properties, function, source));
                    }
                }
                case "AWS::Pipes::Pipe" -> {
                    JsonNode source = properties.path("Source");
                    if (isStream(template, source)
                            || properties.path("SourceParameters").has("DynamoDBStreamParameters")) {
                        readers.add(new StreamReader(streamOf(template, source), id,
                                StreamReader.Kind.PIPE, properties, "", source));
                    }
                }
                case "AWS::ECS::Service" -> serviceReader(template, id, properties).ifPresent(readers::add);
                default -> {
                    // not a stream reader
                }
            }
        });
        return readers;
    }

    private static Optional<StreamReader> serviceReader(CfnTemplate template, String id, JsonNode properties) {
        Optional<String> taskDefinition = Intrinsics.refTarget(properties.path("TaskDefinition"));
        if (taskDefinition.isEmpty()) {
            return Optional.empty();
        }
        JsonNode containers = template.section("Resources").path(taskDefinition.get())
                .path("Properties").path("ContainerDefinitions");
        for (JsonNode container : containers) {
            ObjectNode environment = JsonNodeFactory.instance.objectNode();
            container.path("Environment").forEach(variable ->
                    environment.set(variable.path("Name").asText(), variable.path("Value")));
            for (JsonNode value : environment) {
                if (isTableStream(value)) {
                    return Optional.of(new StreamReader(streamOf(template, value), id, StreamReader.Kind.SERVICE,
                            environment, "", value));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isStream(CfnTemplate template, JsonNode arn) {
        if (isTableStream(arn)) {
            return true;
        }
        Optional<List<String>> getAtt = Intrinsics.getAtt(arn);
        if (getAtt.isPresent()) {
            return template.typeOf(getAtt.get().get(0)).filter("AWS::Kinesis::Stream"::equals).isPresent();
        }
        return Renderings.of(arn).stream().anyMatch(s -> s.contains(":dynamodb:") && s.contains("/stream/")
                || s.contains(":kinesis:"));
    }

    /**
     * A mapping with a {@code StartingPosition} reads a stream (Kinesis or DynamoDB) unless it names Kafka topics
     * or a self-managed source; its ARN may come from a parameter or another stack.
     */
    private static boolean readsUnknownStream(JsonNode properties) {
        return properties.has("StartingPosition") && !properties.has("Topics")
                && !properties.has("SelfManagedEventSource") && !properties.has("Queues");
    }

    private static boolean isTableStream(JsonNode value) {
        return Intrinsics.getAtt(value).filter(att -> att.get(1).equals("StreamArn")).isPresent();
    }

    private static String streamOf(CfnTemplate template, JsonNode arn) {
        Optional<List<String>> getAtt = Intrinsics.getAtt(arn);
        if (getAtt.isPresent()) {
            return getAtt.get().get(0);
        }
        return Intrinsics.referencedNames(arn).stream().findFirst().orElse(arn.asText());
    }
}
