package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.RequestThrottledException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** The SDK verifies the MD5 digests of bodies and attributes, so every success here also proves them exact. */
class SqsLoopbackIT {

    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/router-dlq";

    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    @Test
    void shouldDecodeEntriesWhenSendMessageBatchSucceeds() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (SqsClient sqs = aws.client(SqsClient.builder())) {
            // WHEN
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(QUEUE).entries(
                    entry("0", "{\"reason\":\"undecodable\"}").toBuilder().delaySeconds(5).build(),
                    entry("1", "ünïcode body")));
            // THEN
            assertThat(response.failed()).isEmpty();
            assertThat(response.successful()).extracting(s -> s.id()).containsExactly("0", "1");
        }
        SqsEntry first = aws.sqs().received().get(0);
        assertThat(first.queueUrl()).isEqualTo(QUEUE);
        assertThat(first.messageBody()).isEqualTo("{\"reason\":\"undecodable\"}");
        assertThat(first.delaySeconds()).isEqualTo(5);
        assertThat(first.messageAttributes()).containsOnly(
                Map.entry("reason", MessageAttribute.string("poison")),
                Map.entry("raw", new MessageAttribute("Binary", null, new byte[] {0, 1, (byte) 0xff})));
        assertThat(aws.calls("SQS", "SendMessageBatch")).isEqualTo(1);
    }

    @Test
    void shouldReportFailedEntriesWhenPositionsAreFailed() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.sqs().failEntriesAt(Set.of(1), "InternalError", 1);
        try (SqsClient sqs = aws.client(SqsClient.builder())) {
            // WHEN
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(QUEUE)
                    .entries(entry("a", "1"), entry("b", "2")));
            // THEN
            assertThat(response.successful()).extracting(s -> s.id()).containsExactly("a");
            assertThat(response.failed()).singleElement().satisfies(f -> {
                assertThat(f.id()).isEqualTo("b");
                assertThat(f.code()).isEqualTo("InternalError");
                assertThat(f.senderFault()).isFalse();
            });
        }
    }

    @Test
    void shouldAnswerMessageIdWhenSendMessageIsCalled() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (SqsClient sqs = aws.client(SqsClient.builder())) {
            // WHEN
            SendMessageResponse response = sqs.sendMessage(b -> b.queueUrl(QUEUE).messageBody("poison record")
                    .messageAttributes(Map.of("reason", string("poison"))));
            // THEN
            assertThat(response.messageId()).isNotBlank();
            assertThat(response.md5OfMessageAttributes()).isNotBlank();
        }
        assertThat(aws.sqs().received()).containsExactly(new SqsEntry(QUEUE, null, "poison record", null, null, null,
                Map.of("reason", MessageAttribute.string("poison"))));
    }

    @Test
    void shouldThrowRequestThrottledWhenCallIsThrottled() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.sqs().throttle(1);
        try (SqsClient sqs = aws.client(SqsClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> sqs.sendMessageBatch(b -> b.queueUrl(QUEUE).entries(entry("a", "1"))))
                    .isInstanceOfSatisfying(RequestThrottledException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestThrottled");
                    });
        }
    }

    private static SendMessageBatchRequestEntry entry(String id, String body) {
        return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).messageAttributes(Map.of(
                "reason", string("poison"),
                "raw", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff})).build())).build();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
