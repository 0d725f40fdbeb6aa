package dev.streampipe.summary;

/**
 * How the Bedrock summarizer calls the model (Converse API).
 *
 * @param modelId     model or inference-profile id, e.g. {@code anthropic.claude-3-haiku-20240307-v1:0}
 * @param maxTokens   completion limit, 1..{@value #MAX_TOKENS}
 * @param temperature sampling temperature, 0.0..1.0
 */
public record BedrockSettings(String modelId, int maxTokens, double temperature) {

    /** Upper bound accepted for {@code maxTokens}; models enforce their own lower limits. */
    public static final int MAX_TOKENS = 100_000;

    /** @throws IllegalArgumentException naming the bad value */
    public BedrockSettings {
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("Bedrock model id must not be blank, was '" + modelId + "'");
        }
        if (maxTokens < 1 || maxTokens > MAX_TOKENS) {
            throw new IllegalArgumentException("Bedrock max tokens must be 1.." + MAX_TOKENS + ", was " + maxTokens);
        }
        if (!(temperature >= 0.0 && temperature <= 1.0)) {
            throw new IllegalArgumentException("Bedrock temperature must be 0.0..1.0, was " + temperature);
        }
    }
}
