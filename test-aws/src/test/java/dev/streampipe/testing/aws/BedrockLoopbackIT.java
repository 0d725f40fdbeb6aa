package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

class BedrockLoopbackIT {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    @Test
    void shouldRecordRequestAndAnswerConfiguredReplyWhenConverseIsCalled() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.bedrock().respondWith(call -> new ConverseReply("Summary of " + call.messageTexts("user").get(0),
                "max_tokens", 12, 4));
        try (BedrockRuntimeClient bedrock = aws.client(BedrockRuntimeClient.builder())) {
            // WHEN
            ConverseResponse response = bedrock.converse(request());
            // THEN
            assertThat(response.output().message().content().get(0).text()).isEqualTo("Summary of turns 1..10");
            assertThat(response.output().message().role()).isEqualTo(ConversationRole.ASSISTANT);
            assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
            assertThat(response.usage().inputTokens()).isEqualTo(12);
            assertThat(response.usage().outputTokens()).isEqualTo(4);
            assertThat(response.usage().totalTokens()).isEqualTo(16);
        }
        ConverseCall call = aws.bedrock().received().get(0);
        assertThat(call.modelId()).isEqualTo(MODEL);
        assertThat(call.systemTexts()).containsExactly("Summarize the conversation.");
        assertThat(call.messageTexts("user")).containsExactly("turns 1..10");
        assertThat(call.maxTokens()).isEqualTo(512);
        assertThat(call.temperature()).isEqualTo(0.2, Offset.offset(1e-6));
        assertThat(aws.calls("BedrockRuntime", "Converse")).isEqualTo(1);
    }

    @Test
    void shouldAnswerDefaultReplyWhenNoneIsConfigured() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (BedrockRuntimeClient bedrock = aws.client(BedrockRuntimeClient.builder())) {
            // WHEN
            ConverseResponse response = bedrock.converse(request());
            // THEN
            assertThat(response.output().message().content().get(0).text()).isEqualTo("loopback reply to 1 user block(s)");
            assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
            assertThat(response.usage().inputTokens()).isEqualTo(5);
        }
    }

    @Test
    void shouldThrowThrottlingExceptionWhenCallIsThrottled() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.bedrock().throttle(1);
        try (BedrockRuntimeClient bedrock = aws.client(BedrockRuntimeClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> bedrock.converse(request()))
                    .isInstanceOfSatisfying(ThrottlingException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.statusCode()).isEqualTo(429);
                    });
        }
    }

    @Test
    void shouldThrowModeledExceptionWhenCallMatchesFailureRule() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.bedrock().failEntriesMatching(c -> c.modelId().equals(MODEL), "ModelNotReadyException", 1);
        try (BedrockRuntimeClient bedrock = aws.client(BedrockRuntimeClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> bedrock.converse(request())).isInstanceOf(ModelNotReadyException.class);
            assertThat(bedrock.converse(request()).output().message().content()).isNotEmpty();
        }
    }

    private static ConverseRequest request() {
        return ConverseRequest.builder().modelId(MODEL)
                .system(SystemContentBlock.fromText("Summarize the conversation."))
                .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("turns 1..10")).build())
                .inferenceConfig(c -> c.maxTokens(512).temperature(0.2f)).build();
    }
}
