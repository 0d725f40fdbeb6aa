package dev.streampipe.summary.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.session.SummaryWindow;
import dev.streampipe.summary.BedrockSettings;
import dev.streampipe.summary.PermanentSummaryException;
import dev.streampipe.summary.RetryableSummaryException;
import dev.streampipe.summary.SummaryPrompt;
import dev.streampipe.summary.Turn;
import dev.streampipe.summary.bedrock.LoopbackHttpServer.Reply;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** The real BedrockRuntimeClient against a loopback HTTP server: the Converse API on the wire. */
class BedrockSummarizerIT {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopbackHttpServer server = new LoopbackHttpServer();
    private final BedrockRuntimeClient client = BedrockRuntimeClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "secret")))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    private final BedrockSummarizer summarizer = new BedrockSummarizer(client, new BedrockSettings(MODEL, 321, 0.3));

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void shouldSendConverseRequestAndParseReplyWhenModelAnswers() throws Exception {
        // GIVEN the model answers in two text blocks
        server.reply(Reply.json(200, """
                {"output":{"message":{"role":"assistant","content":[{"text":"Customer wants "},{"text":"a refund."}]}},
                 "stopReason":"end_turn","usage":{"inputTokens":120,"outputTokens":6,"totalTokens":126},
                 "metrics":{"latencyMs":321}}"""));

        // WHEN window 6 is summarized with the previous summary
        String text = summarizer.summarize(prompt(Optional.of("Parcel late, customer upset.")));

        // THEN the reply text is joined
        assertThat(text).isEqualTo("Customer wants a refund.");

        // AND the request is a signed Converse call for the model, with messages, system and inferenceConfig
        LoopbackHttpServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(URLDecoder.decode(request.rawPath(), StandardCharsets.UTF_8))
                .isEqualTo("/model/" + MODEL + "/converse");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256")
                .contains("/us-east-1/bedrock/aws4_request");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("messages", "system", "inferenceConfig");
        assertThat(body.at("/system/0/text").asText()).isEqualTo(BedrockSummarizer.SYSTEM_PROMPT);
        assertThat(body.at("/messages")).hasSize(1);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/0/content/0/text").asText())
                .startsWith("Summary of the session so far (up to turn 10):\nParcel late, customer upset.")
                .contains("Turns 11-12:\n[11] user: Where is my parcel?\n[12] assistant: It ships today.\n")
                .endsWith("Write the updated summary.");
        assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(321);
        assertThat(body.at("/inferenceConfig/temperature").floatValue()).isEqualTo(0.3f);
    }

    @Test
    void shouldSayThereIsNoEarlierSummaryWhenWindowHasNoContext() throws Exception {
        // GIVEN
        server.reply(Reply.json(200, "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"ok\"}]}},"
                + "\"stopReason\":\"end_turn\"}"));

        // WHEN
        summarizer.summarize(prompt(Optional.empty()));

        // THEN
        assertThat(JSON.readTree(server.requests().get(0).body()).at("/messages/0/content/0/text").asText())
                .startsWith("There is no earlier summary.\n\nTurns 11-12:");
    }

    @Test
    void shouldThrowRetryableWhenModelThrottles() {
        // GIVEN Bedrock answers 429 ThrottlingException
        server.reply(Reply.awsError(429, "ThrottlingException", "Too many requests, please wait."));

        // WHEN / THEN
        assertThatThrownBy(() -> summarizer.summarize(prompt(Optional.empty())))
                .isInstanceOf(RetryableSummaryException.class)
                .hasCauseInstanceOf(ThrottlingException.class)
                .hasMessage("Bedrock ThrottlingException (HTTP 429) from model " + MODEL
                        + " for session s-1 window 6: Too many requests, please wait.");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldThrowRetryableWhenServiceIsUnavailable() {
        // GIVEN Bedrock answers 503
        server.reply(Reply.awsError(503, "ServiceUnavailableException", "Service unavailable."));

        // WHEN / THEN
        assertThatThrownBy(() -> summarizer.summarize(prompt(Optional.empty())))
                .isInstanceOf(RetryableSummaryException.class)
                .hasCauseInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void shouldThrowPermanentWhenModelRejectsRequest() {
        // GIVEN Bedrock answers 400 ValidationException
        server.reply(Reply.awsError(400, "ValidationException", "The provided model identifier is invalid."));

        // WHEN / THEN
        assertThatThrownBy(() -> summarizer.summarize(prompt(Optional.empty())))
                .isInstanceOf(PermanentSummaryException.class)
                .hasCauseInstanceOf(ValidationException.class)
                .hasMessage("Bedrock ValidationException (HTTP 400) from model " + MODEL
                        + " for session s-1 window 6: The provided model identifier is invalid.");
    }

    @Test
    void shouldThrowPermanentWhenReplyHasNoText() {
        // GIVEN the model's reply is filtered to nothing
        server.reply(Reply.json(200, "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[]}},"
                + "\"stopReason\":\"content_filtered\"}"));

        // WHEN / THEN
        assertThatThrownBy(() -> summarizer.summarize(prompt(Optional.empty())))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("model " + MODEL + " returned no text for session s-1 window 6, stop reason content_filtered");
    }

    @Test
    void shouldThrowRetryableWhenConnectionFails() {
        // GIVEN a client whose endpoint refuses connections (the server is closed)
        server.close();

        // WHEN / THEN
        assertThatThrownBy(() -> summarizer.summarize(prompt(Optional.empty())))
                .isInstanceOf(RetryableSummaryException.class)
                .hasMessageStartingWith("Bedrock call for session s-1 window 6 failed on the client side");
    }

    private static SummaryPrompt prompt(Optional<String> previous) {
        return new SummaryPrompt("s-1", SummaryWindow.of(6, 2), previous,
                List.of(new Turn(11, "user", "Where is my parcel?"), new Turn(12, "assistant", "It ships today.")));
    }
}
