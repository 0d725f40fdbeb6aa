package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

class LambdaLoopbackIT {

    private static final String PAYLOAD = "{\"sessionId\":\"abc\",\"window\":3}";

    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    @Test
    void shouldRecordEventInvocationAndAnswer202WhenInvokedAsync() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (LambdaClient lambda = aws.client(LambdaClient.builder())) {
            // WHEN
            InvokeResponse response = lambda.invoke(b -> b.functionName("summary-function")
                    .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(PAYLOAD)));
            // THEN
            assertThat(response.statusCode()).isEqualTo(202);
        }
        assertThat(aws.lambda().received()).singleElement().satisfies(i -> {
            assertThat(i.functionName()).isEqualTo("summary-function");
            assertThat(i.invocationType()).isEqualTo("Event");
            assertThat(i.qualifier()).isNull();
            assertThat(i.payloadText()).isEqualTo(PAYLOAD);
        });
        assertThat(aws.calls("Lambda", "Invoke")).isEqualTo(1);
    }

    @Test
    void shouldDecodeArnAndQualifierAndReturnResultWhenInvokedSynchronously() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        String arn = "arn:aws:lambda:us-east-1:123456789012:function:summary-function";
        aws.lambda().respondWith(invocation -> "{\"echo\":" + invocation.payloadText() + "}");
        try (LambdaClient lambda = aws.client(LambdaClient.builder())) {
            // WHEN
            InvokeResponse response = lambda.invoke(b -> b.functionName(arn).qualifier("live")
                    .payload(SdkBytes.fromUtf8String(PAYLOAD)));
            // THEN
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.payload().asUtf8String()).isEqualTo("{\"echo\":" + PAYLOAD + "}");
            assertThat(response.executedVersion()).isEqualTo("$LATEST");
        }
        assertThat(aws.lambda().received()).singleElement().satisfies(i -> {
            assertThat(i.functionName()).isEqualTo(arn);
            assertThat(i.qualifier()).isEqualTo("live");
            assertThat(i.invocationType()).isEqualTo("RequestResponse");
        });
    }

    @Test
    void shouldThrowTooManyRequestsWhenCallIsThrottled() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.lambda().throttle(1);
        try (LambdaClient lambda = aws.client(LambdaClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("f").invocationType(InvocationType.EVENT)))
                    .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.statusCode()).isEqualTo(429);
                    });
        }
    }

    @Test
    void shouldFailInvocationWhenPayloadMatchesFailureRule() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.lambda().failEntriesMatching(i -> i.payloadText().contains("\"window\":3"), "ServiceException", 1);
        try (LambdaClient lambda = aws.client(LambdaClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("f").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(PAYLOAD))))
                    .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
            assertThat(lambda.invoke(b -> b.functionName("f").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(PAYLOAD))).statusCode()).isEqualTo(202);
        }
        assertThat(aws.lambda().accepted()).hasSize(1);
    }
}
