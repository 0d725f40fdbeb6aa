package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

class SnsLoopbackIT {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:handoffs";

    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    @Test
    void shouldDecodeEntriesAndAttributesWhenPublishBatchSucceeds() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (SnsClient sns = aws.client(SnsClient.builder())) {
            // WHEN
            PublishBatchResponse response = sns.publishBatch(b -> b.topicArn(TOPIC).publishBatchRequestEntries(
                    entry("e1", "handoff & <escalate>").toBuilder().subject("Handoff").build(), entry("e2", "née")));
            // THEN
            assertThat(response.successful()).extracting(s -> s.id()).containsExactly("e1", "e2");
            assertThat(response.successful()).allSatisfy(s -> assertThat(s.messageId()).isNotBlank());
            assertThat(response.failed()).isEmpty();
        }
        SnsEntry first = aws.sns().received().get(0);
        assertThat(first.topicArn()).isEqualTo(TOPIC);
        assertThat(first.id()).isEqualTo("e1");
        assertThat(first.message()).isEqualTo("handoff & <escalate>");
        assertThat(first.subject()).isEqualTo("Handoff");
        assertThat(first.messageAttributes()).containsOnly(
                Map.entry("event_type", MessageAttribute.string("handoff")),
                Map.entry("agent_id", MessageAttribute.string("agent-7")),
                Map.entry("priority", new MessageAttribute("Number", "3", null)),
                Map.entry("blob", new MessageAttribute("Binary", null, new byte[] {1, 2, 3})));
        assertThat(first.attribute("agent_id")).isEqualTo("agent-7");
        assertThat(aws.sns().received().get(1).message()).isEqualTo("née");
        assertThat(aws.calls("SNS", "PublishBatch")).isEqualTo(1);
    }

    @Test
    void shouldReportFailedMembersWhenEntriesMatchFailureRule() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.sns().failEntriesMatching(e -> e.id().equals("e2"), "InternalError", 1);
        try (SnsClient sns = aws.client(SnsClient.builder())) {
            // WHEN
            PublishBatchResponse response = sns.publishBatch(b -> b.topicArn(TOPIC)
                    .publishBatchRequestEntries(entry("e1", "a"), entry("e2", "b"), entry("e3", "c")));
            // THEN
            assertThat(response.successful()).extracting(s -> s.id()).containsExactly("e1", "e3");
            assertThat(response.failed()).singleElement().satisfies(f -> {
                assertThat(f.id()).isEqualTo("e2");
                assertThat(f.code()).isEqualTo("InternalError");
                assertThat(f.senderFault()).isFalse();
                assertThat(f.message()).isNotBlank();
            });
        }
    }

    @Test
    void shouldDecodeSingleMessageWhenPublishIsCalled() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (SnsClient sns = aws.client(SnsClient.builder())) {
            // WHEN
            String messageId = sns.publish(b -> b.topicArn(TOPIC).message("hot key SESSION#1").subject("Hot keys")
                    .messageAttributes(Map.of("table", string("sessions")))).messageId();
            // THEN
            assertThat(messageId).isNotBlank();
        }
        assertThat(aws.sns().received()).containsExactly(new SnsEntry(TOPIC, null, "hot key SESSION#1", "Hot keys",
                null, null, Map.of("table", MessageAttribute.string("sessions"))));
        assertThat(aws.calls("sns", "Publish")).isEqualTo(1);
    }

    @Test
    void shouldThrowThrottlingSnsExceptionWhenCallIsThrottled() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.sns().throttle(1);
        try (SnsClient sns = aws.client(SnsClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> sns.publishBatch(b -> b.topicArn(TOPIC).publishBatchRequestEntries(entry("e1", "a"))))
                    .isInstanceOfSatisfying(SnsException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
    }

    @Test
    void shouldFailWholePublishWhenSingleMessageMatchesFailureRule() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.sns().failEntriesMatching(e -> true, "InternalError", 1);
        try (SnsClient sns = aws.client(SnsClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> sns.publish(b -> b.topicArn(TOPIC).message("m")))
                    .isInstanceOfSatisfying(SnsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
                        assertThat(e.statusCode()).isEqualTo(500);
                    });
            assertThat(sns.publish(b -> b.topicArn(TOPIC).message("m")).messageId()).isNotBlank();
        }
    }

    private static PublishBatchRequestEntry entry(String id, String message) {
        return PublishBatchRequestEntry.builder().id(id).message(message).messageAttributes(Map.of(
                "event_type", string("handoff"), "agent_id", string("agent-7"),
                "priority", MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build())).build();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
