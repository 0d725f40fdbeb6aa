package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.check.CheckConfig;
import dev.streampipe.check.StreamReader;
import dev.streampipe.check.StreamSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every reader of a stream in a template: SAM {@code DynamoDB}/{@code Kinesis} events, event source
 * mappings on a stream, pipes, and ECS services whose task definition passes a stream ARN to a container
 * (a KCL application; its workers share leases, so one service is one reader whatever its task count), each with
 * the stream it reads resolved. {@link #dynamoDb} keeps the readers of DynamoDB streams and adds the config's
 * external readers: what {@code check} counts. Template order, then config order.
 */
public final class StreamReaders {
    private static final Set<String> STREAM_EVENT_TYPES = Set.of("DynamoDB", "Kinesis");

    private StreamReaders() {
    }

    /** All readers, DynamoDB and Kinesis, in template order. */
    public static List<StreamReader> of(CfnTemplate template) {
        return of(new TemplateValues(template));
    }

    /** All DynamoDB stream readers of the template plus the config's external readers. */
    public static List<StreamReader> dynamoDb(CfnTemplate template, CheckConfig config) {
        return dynamoDb(new TemplateValues(template), config);
    }

    static List<StreamReader> dynamoDb(TemplateValues values, CheckConfig config) {
        List<StreamReader> readers = new ArrayList<>();
        for (StreamReader reader : of(values)) {
            if (reader.source().kind() == StreamSource.Kind.KINESIS || samKinesisEvent(values, reader)) {
                continue;
            }
            readers.add(reader);
        }
        for (CheckConfig.ExternalReader external : config.externalReaders()) {
            String key = values.isTableResource(external.table()) ? external.table()
                    : values.tableNamed(external.table()).orElse(external.table());
            readers.add(new StreamReader(external.name(), StreamReader.Kind.EXTERNAL, "", external.table(),
                    new StreamSource(StreamSource.Kind.TABLE, key, "declared in the config"),
                    JsonNodeFactory.instance.objectNode()));
        }
        return readers;
    }

    static List<StreamReader> of(TemplateValues values) {
        CfnTemplate template = values.template();
        List<StreamReader> readers = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            JsonNode properties = resource.path("Properties");
            switch (resource.path("Type").asText()) {
                case "AWS::Serverless::Function" -> properties.path("Events").properties().forEach(event -> {
                    if (STREAM_EVENT_TYPES.contains(event.getValue().path("Type").asText())) {
                        JsonNode mapping = event.getValue().path("Properties");
                        readers.add(reader(values, id + "." + event.getKey(), StreamReader.Kind.EVENT_SOURCE_MAPPING,
                                id, mapping.path("Stream"), mapping));
                    }
                });
                case "AWS::Lambda::EventSourceMapping" -> {
                    JsonNode source = properties.path("EventSourceArn");
                    if (isStream(template, source) || readsUnknownStream(properties)) {
                        String function = Intrinsics.referencedNames(properties.path("FunctionName")).stream()
                                .map(name -> name.replaceFirst("\\.(Alias|Version)$", ""))
                                .findFirst().orElse("");
                        readers.add(reader(values, id, StreamReader.Kind.EVENT_SOURCE_MAPPING, function, source,
                                properties));
                    }
                }
                case "AWS::Pipes::Pipe" -> {
                    JsonNode source = properties.path("Source");
                    if (isStream(template, source)
                            || properties.path("SourceParameters").has("DynamoDBStreamParameters")) {
                        readers.add(reader(values, id, StreamReader.Kind.PIPE, "", source, properties));
                    }
                }
                case "AWS::ECS::Service" -> serviceReader(values, id, properties).ifPresent(readers::add);
                default -> {
                    // not a stream reader
                }
            }
        });
        return readers;
    }

    private static StreamReader reader(TemplateValues values, String id, StreamReader.Kind kind, String functionId,
                                       JsonNode arn, JsonNode settings) {
        return new StreamReader(id, kind, functionId, streamOf(arn), resolve(values, arn, id), settings);
    }

    private static Optional<StreamReader> serviceReader(TemplateValues values, String id, JsonNode properties) {
        CfnTemplate template = values.template();
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
                    return Optional.of(reader(values, id, StreamReader.Kind.SERVICE, "", value, environment));
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

    private static String streamOf(JsonNode arn) {
        Optional<List<String>> getAtt = Intrinsics.getAtt(arn);
        if (getAtt.isPresent()) {
            return getAtt.get().get(0);
        }
        return Intrinsics.referencedNames(arn).stream().findFirst().orElse(arn.asText());
    }

    /** Which stream an ARN expression names; never a guess: what is not known is UNRESOLVED with the reason. */
    static StreamSource resolve(TemplateValues values, JsonNode arn, String readerId) {
        String unique = "unresolved " + readerId;
        Optional<List<String>> getAtt = Intrinsics.getAtt(arn);
        if (getAtt.isPresent()) {
            String target = getAtt.get().get(0);
            String attribute = getAtt.get().get(1);
            String written = "!GetAtt " + target + "." + attribute;
            if (values.isTableResource(target) && attribute.endsWith("StreamArn")) {
                return new StreamSource(StreamSource.Kind.TABLE, target, written);
            }
            Optional<String> type = values.template().typeOf(target);
            if (type.filter(t -> t.startsWith("AWS::Kinesis::")).isPresent()) {
                return new StreamSource(StreamSource.Kind.KINESIS, target, written);
            }
            return new StreamSource(StreamSource.Kind.UNRESOLVED, unique, written + " is not a table's stream"
                    + type.map(t -> " (" + target + " is " + t + ")").orElse(""));
        }
        if (arn.isObject() && arn.size() == 1 && arn.has("Fn::ImportValue")) {
            return new StreamSource(StreamSource.Kind.UNRESOLVED, unique, "imported from another stack ("
                    + values.render(arn.get("Fn::ImportValue")).orElse(arn.get("Fn::ImportValue").toString()) + ")");
        }
        Optional<String> rendered = values.render(arn);
        if (rendered.isEmpty()) {
            return new StreamSource(StreamSource.Kind.UNRESOLVED, unique, arn.isMissingNode()
                    ? "no stream ARN given" : "the ARN expression " + arn + " cannot be evaluated statically");
        }
        String text = rendered.get();
        Optional<String> wholeParameter = TemplateValues.placeholder(text)
                .filter(name -> values.template().parameters().containsKey(name));
        if (wholeParameter.isPresent()) {
            return new StreamSource(StreamSource.Kind.UNRESOLVED, "parameter " + wholeParameter.get(),
                    "from parameter " + wholeParameter.get() + ", which has no usable default");
        }
        if (text.contains(":kinesis:")) {
            return new StreamSource(StreamSource.Kind.KINESIS, text, text);
        }
        Optional<String[]> arnParts = TemplateValues.tableArn(text);
        if (arnParts.isEmpty()) {
            return new StreamSource(StreamSource.Kind.UNRESOLVED, unique, "'" + text + "' is not a DynamoDB stream ARN");
        }
        String segment = arnParts.get()[0];
        Optional<String> placeholder = TemplateValues.placeholder(segment);
        if (placeholder.isEmpty() && !segment.contains("«") && !segment.contains("*")) {
            return new StreamSource(StreamSource.Kind.TABLE, values.tableNamed(segment).orElse(segment), "'" + text + "'");
        }
        if (placeholder.isPresent() && values.isTableResource(placeholder.get())) {
            return new StreamSource(StreamSource.Kind.TABLE, placeholder.get(), "'" + text + "'");
        }
        if (placeholder.isPresent() && values.template().parameters().containsKey(placeholder.get())) {
            return new StreamSource(StreamSource.Kind.UNRESOLVED, "parameter " + placeholder.get(),
                    "table name from parameter " + placeholder.get() + ", which has no default");
        }
        return new StreamSource(StreamSource.Kind.UNRESOLVED, unique, "table part of '" + text + "' is unknown");
    }

    private static boolean samKinesisEvent(TemplateValues values, StreamReader reader) {
        int dot = reader.id().indexOf('.');
        if (reader.kind() != StreamReader.Kind.EVENT_SOURCE_MAPPING || dot < 0) {
            return false;
        }
        return values.template().section("Resources").path(reader.id().substring(0, dot)).path("Properties")
                .path("Events").path(reader.id().substring(dot + 1)).path("Type").asText().equals("Kinesis");
    }
}
