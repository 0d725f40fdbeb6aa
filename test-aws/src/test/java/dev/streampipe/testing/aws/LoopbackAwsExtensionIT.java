package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;

/** A static registration shares one endpoint per class and resets it between tests, whatever their order. */
class LoopbackAwsExtensionIT {

    @RegisterExtension
    static final LoopbackAwsExtension LOOPBACK = new LoopbackAwsExtension();

    @Test
    void shouldStartFromCleanStateWhenSharedAcrossTests(LoopbackAws aws) {
        publishOnceAndExpectOneCall(aws);
    }

    @Test
    void shouldResolveSameEndpointAsFieldWhenInjected(LoopbackAws aws) {
        assertThat(aws).isSameAs(LOOPBACK.aws());
        publishOnceAndExpectOneCall(aws);
    }

    @Nested
    class WhenNested {
        @Test
        void shouldShareOuterEndpointWhenClassIsNested(LoopbackAws aws) {
            assertThat(aws).isSameAs(LOOPBACK.aws());
            publishOnceAndExpectOneCall(aws);
        }
    }

    private static void publishOnceAndExpectOneCall(LoopbackAws aws) {
        // GIVEN no calls and no fault left over from the other test
        assertThat(aws.sns().calls()).isEmpty();
        try (SnsClient sns = aws.client(SnsClient.builder())) {
            // WHEN
            String messageId = sns.publish(b -> b.topicArn("t").message("m")).messageId();
            // THEN
            assertThat(messageId).isNotBlank();
        }
        assertThat(aws.calls("SNS", "Publish")).isEqualTo(1);
        aws.sns().throttle(1);
    }
}
