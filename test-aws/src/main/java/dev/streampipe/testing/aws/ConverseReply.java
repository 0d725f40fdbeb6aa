package dev.streampipe.testing.aws;

import java.util.Objects;

/**
 * What the loopback Bedrock answers to a {@code Converse} call.
 *
 * @param text         the assistant's text ({@code output.message.content[0].text})
 * @param stopReason   {@code stopReason}, e.g. {@code end_turn} or {@code max_tokens}
 * @param inputTokens  {@code usage.inputTokens}, >= 0
 * @param outputTokens {@code usage.outputTokens}, >= 0
 */
public record ConverseReply(String text, String stopReason, int inputTokens, int outputTokens) {

    public ConverseReply {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(stopReason, "stopReason");
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts must be >= 0, were input=" + inputTokens + " output=" + outputTokens);
        }
    }

    /** An {@code end_turn} reply whose token counts are the whitespace-separated word counts of the texts. */
    public static ConverseReply endTurn(ConverseCall call, String text) {
        int input = call.messageTexts("user").stream().mapToInt(ConverseReply::words).sum()
                + call.systemTexts().stream().mapToInt(ConverseReply::words).sum();
        return new ConverseReply(text, "end_turn", input, words(text));
    }

    private static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
