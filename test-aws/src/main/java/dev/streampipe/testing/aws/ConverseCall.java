package dev.streampipe.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Bedrock Runtime {@code Converse} call: the model id from the path and the JSON request body.
 *
 * <p>The body is kept private and handed out as a copy, so a recorded call never changes.
 */
public final class ConverseCall {

    private final String modelId;
    private final JsonNode request;

    ConverseCall(String modelId, JsonNode request) {
        this.modelId = modelId;
        this.request = request.deepCopy();
    }

    /** The model id (or inference profile / ARN) the call was addressed to. */
    public String modelId() {
        return modelId;
    }

    /** A copy of the request body: {@code messages}, {@code system}, {@code inferenceConfig}, ... */
    public JsonNode request() {
        return request.deepCopy();
    }

    /** The {@code text} blocks of all {@code system} entries, in order. */
    public List<String> systemTexts() {
        return texts(request.path("system"));
    }

    /** The {@code text} content blocks of all messages with the given role ({@code user}/{@code assistant}). */
    public List<String> messageTexts(String role) {
        List<String> texts = new ArrayList<>();
        request.path("messages").forEach(m -> {
            if (role.equals(m.path("role").asText())) {
                texts.addAll(texts(m.path("content")));
            }
        });
        return texts;
    }

    /** {@code inferenceConfig.maxTokens}, or {@code null}. */
    public Integer maxTokens() {
        JsonNode value = request.path("inferenceConfig").get("maxTokens");
        return value == null ? null : value.asInt();
    }

    /** {@code inferenceConfig.temperature}, or {@code null}. */
    public Double temperature() {
        JsonNode value = request.path("inferenceConfig").get("temperature");
        return value == null ? null : value.asDouble();
    }

    private static List<String> texts(JsonNode blocks) {
        List<String> texts = new ArrayList<>();
        blocks.forEach(b -> {
            if (b.has("text")) {
                texts.add(b.get("text").asText());
            }
        });
        return texts;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConverseCall that && modelId.equals(that.modelId) && request.equals(that.request);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelId, request);
    }

    @Override
    public String toString() {
        return "ConverseCall[" + modelId + ", " + request + "]";
    }
}
