package dev.streampipe.summary.bedrock;

import dev.streampipe.summary.BedrockSettings;
import dev.streampipe.summary.PermanentSummaryException;
import dev.streampipe.summary.RetryableSummaryException;
import dev.streampipe.summary.Summarizer;
import dev.streampipe.summary.SummaryPrompt;
import dev.streampipe.summary.Turn;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/**
 * Summarizes through Amazon Bedrock's Converse API: one system prompt, one user message holding the
 * previous summary and the window's transcript, {@code inferenceConfig} from {@link BedrockSettings}.
 *
 * <p>Failures: throttling (429), service unavailable, internal errors, model not ready or timed out, and
 * client-side I/O errors become {@link RetryableSummaryException} (after the SDK's own retries); every
 * other rejection (validation, access denied, unknown model, quota, model error) becomes
 * {@link PermanentSummaryException}. A reply without text is permanent too. Thread-safe.
 */
public final class BedrockSummarizer implements Summarizer {

    static final String SYSTEM_PROMPT = "You keep a rolling summary of a customer support chat session. "
            + "Given the previous summary and the next turns, write an updated summary of the whole session "
            + "in at most 150 words: the customer's goal, facts established, actions taken, open questions. "
            + "Write plain prose, no preamble.";
    /** Longest turn text sent; longer turns are clipped so one turn cannot exhaust the model's context. */
    static final int MAX_TURN_CHARS = 8_000;

    private final BedrockRuntimeClient client;
    private final BedrockSettings settings;

    public BedrockSummarizer(BedrockRuntimeClient client, BedrockSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String summarize(SummaryPrompt prompt) {
        ConverseRequest request = ConverseRequest.builder()
                .modelId(settings.modelId())
                .system(s -> s.text(SYSTEM_PROMPT))
                .messages(Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText(userMessage(prompt)))
                        .build())
                .inferenceConfig(c -> c.maxTokens(settings.maxTokens()).temperature((float) settings.temperature()))
                .build();
        ConverseResponse response = converse(request, prompt);
        String text = response.output() == null || response.output().message() == null ? ""
                : response.output().message().content().stream()
                        .map(ContentBlock::text)
                        .filter(Objects::nonNull)
                        .collect(Collectors.joining())
                        .strip();
        if (text.isEmpty()) {
            throw new PermanentSummaryException("model " + settings.modelId() + " returned no text for "
                    + where(prompt) + ", stop reason " + response.stopReasonAsString());
        }
        return text;
    }

    @Override
    public String name() {
        return "bedrock:" + settings.modelId();
    }

    private ConverseResponse converse(ConverseRequest request, SummaryPrompt prompt) {
        try {
            return client.converse(request);
        } catch (ThrottlingException | ServiceUnavailableException | InternalServerException
                 | ModelNotReadyException | ModelTimeoutException e) {
            throw new RetryableSummaryException(failure(e, prompt), e);
        } catch (BedrockRuntimeException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new RetryableSummaryException(failure(e, prompt), e);
            }
            throw new PermanentSummaryException(failure(e, prompt), e);
        } catch (SdkClientException e) {
            throw new RetryableSummaryException("Bedrock call for " + where(prompt) + " failed on the client side: "
                    + e.getMessage(), e);
        }
    }

    private String failure(BedrockRuntimeException e, SummaryPrompt prompt) {
        String code = e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
        return "Bedrock " + code + " (HTTP " + e.statusCode() + ") from model " + settings.modelId()
                + " for " + where(prompt) + ": " + (e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage());
    }

    private static String where(SummaryPrompt prompt) {
        return "session " + prompt.sessionId() + " window " + prompt.window().number();
    }

    static String userMessage(SummaryPrompt prompt) {
        StringBuilder text = new StringBuilder(4096);
        prompt.previousSummary().ifPresentOrElse(
                previous -> text.append("Summary of the session so far (up to turn ")
                        .append(prompt.window().firstTurn() - 1).append("):\n").append(previous.strip()),
                () -> text.append("There is no earlier summary."));
        text.append("\n\nTurns ").append(prompt.window().firstTurn()).append('-').append(prompt.window().lastTurn())
                .append(":\n");
        for (Turn turn : prompt.turns()) {
            String body = clip(turn.text());
            text.append('[').append(turn.number()).append("] ").append(turn.role()).append(": ").append(body).append('\n');
        }
        text.append("\nWrite the updated summary.");
        return text.toString();
    }

    private static String clip(String text) {
        if (text.length() <= MAX_TURN_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TURN_CHARS - 1)) ? MAX_TURN_CHARS - 1 : MAX_TURN_CHARS;
        return text.substring(0, end) + " [clipped]";
    }
}
