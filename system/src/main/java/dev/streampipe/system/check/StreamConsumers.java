package dev.streampipe.system.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.streampipe.system.template.CfnTemplate;
import dev.streampipe.system.template.Intrinsics;
import dev.streampipe.system.template.StreamReader;
import dev.streampipe.system.template.StreamReaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every DynamoDB stream reader: the template's ({@link StreamReaders}: SAM {@code DynamoDB} events,
 * {@code AWS::Lambda::EventSourceMapping}, {@code AWS::Pipes::Pipe}, ECS services given a stream ARN) with the
 * stream each reads resolved, then the config's external readers. Kinesis readers are left out. Template order,
 * then config order.
 */
public final class StreamConsumers {

    private StreamConsumers() {
    }

    /** All DynamoDB stream consumers of the template plus the config's external readers. */
    public static List<StreamConsumer> of(CfnTemplate template, CheckConfig config) {
        return of(new TemplateValues(template), config);
    }

    static List<StreamConsumer> of(TemplateValues values, CheckConfig config) {
        List<StreamConsumer> consumers = new ArrayList<>();
        for (StreamReader reader : StreamReaders.of(values.template())) {
            StreamSource source = resolve(values, reader.source(), reader.readerId());
            if (source.kind() == StreamSource.Kind.KINESIS || samKinesisEvent(values, reader)) {
                continue;
            }
            consumers.add(new StreamConsumer(reader.readerId(), kind(reader.kind()), reader.functionId(), source,
                    reader.settings()));
        }
        for (CheckConfig.ExternalReader external : config.externalReaders()) {
            String key = values.isTableResource(external.table()) ? external.table()
                    : values.tableNamed(external.table()).orElse(external.table());
            consumers.add(new StreamConsumer(external.name(), StreamConsumer.Kind.EXTERNAL, "",
                    new StreamSource(StreamSource.Kind.TABLE, key, "declared in the config"),
                    JsonNodeFactory.instance.objectNode()));
        }
        return consumers;
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
        int dot = reader.readerId().indexOf('.');
        if (reader.kind() != StreamReader.Kind.EVENT_SOURCE_MAPPING || dot < 0) {
            return false;
        }
        return values.template().section("Resources").path(reader.readerId().substring(0, dot)).path("Properties")
                .path("Events").path(reader.readerId().substring(dot + 1)).path("Type").asText().equals("Kinesis");
    }

    private static StreamConsumer.Kind kind(StreamReader.Kind kind) {
        return switch (kind) {
            case EVENT_SOURCE_MAPPING -> StreamConsumer.Kind.EVENT_SOURCE_MAPPING;
            case PIPE -> StreamConsumer.Kind.PIPE;
            case SERVICE -> StreamConsumer.Kind.SERVICE;
        };
    }
}
