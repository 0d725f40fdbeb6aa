package dev.streampipe.testing.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Codec for the JSON protocols: AWS JSON 1.0 / 1.1 ({@code X-Amz-Target}, errors as {@code __type} in the body,
 * optionally the query-compatible {@code x-amzn-query-error} header) and REST-JSON (errors in the
 * {@code x-amzn-ErrorType} header).
 */
final class JsonProtocol {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final String contentType;
    private final boolean rest;
    private final String errorTypePrefix;
    private final boolean queryCompatible;

    private JsonProtocol(String contentType, boolean rest, String errorTypePrefix, boolean queryCompatible) {
        this.contentType = contentType;
        this.rest = rest;
        this.errorTypePrefix = errorTypePrefix;
        this.queryCompatible = queryCompatible;
    }

    /** AWS JSON 1.1 (Firehose, EventBridge). */
    static JsonProtocol awsJson11() {
        return new JsonProtocol("application/x-amz-json-1.1", false, "", false);
    }

    /** AWS JSON 1.0 with the query-compatible error header and a namespaced {@code __type} (SQS). */
    static JsonProtocol awsJson10QueryCompatible(String errorTypePrefix) {
        return new JsonProtocol("application/x-amz-json-1.0", false, errorTypePrefix, true);
    }

    /** REST-JSON (Lambda, Bedrock Runtime). */
    static JsonProtocol restJson() {
        return new JsonProtocol("application/json", true, "", false);
    }

    /** The operation named by {@code X-Amz-Target: <prefix>.<Operation>}, or {@code null} if another prefix. */
    static String targetOperation(LoopbackRequest request, String prefix) {
        String target = request.header("x-amz-target");
        return target != null && target.startsWith(prefix + ".") ? target.substring(prefix.length() + 1) : null;
    }

    static JsonNode read(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("request body is not JSON", e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Text of a field, or {@code null} when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }

    static byte[] base64(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Base64.getDecoder().decode(text);
    }

    static List<String> strings(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Message attributes in SQS JSON form: {@code {"name": {"DataType", "StringValue" | "BinaryValue"}}}. */
    static Map<String, MessageAttribute> messageAttributes(JsonNode node, String field) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        node.path(field).properties().forEach(e -> attributes.put(e.getKey(), new MessageAttribute(
                text(e.getValue(), "DataType"), text(e.getValue(), "StringValue"), base64(e.getValue(), "BinaryValue"))));
        return attributes;
    }

    LoopbackResponse ok(int status, JsonNode body) {
        return LoopbackResponse.of(status, contentType, write(body));
    }

    LoopbackResponse error(InjectedError error) {
        ObjectNode body = object();
        if (!rest) {
            body.put("__type", errorTypePrefix + error.code());
        }
        body.put("message", error.message());
        LoopbackResponse response = LoopbackResponse.of(error.httpStatus(), contentType, write(body));
        if (rest) {
            response = response.withHeader("x-amzn-ErrorType", error.code());
        }
        if (queryCompatible) {
            response = response.withHeader("x-amzn-query-error",
                    error.code() + ";" + (error.serverFault() ? "Receiver" : "Sender"));
        }
        return response;
    }

    private static byte[] write(JsonNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON response", e);
        }
    }
}
