package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Each kind of SDK failure becomes one line naming where, with the exit code of its kind. */
class AwsFailuresTest {
    private static final String WHERE = "http://10.0.0.9:4566 (region eu-west-1)";

    @Test
    void shouldCallItUnreachableWhenTheHostIsUnknownOrRefusesOrTimesOut() {
        // GIVEN the SDK's failures to connect
        SdkClientException unknown = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new UnknownHostException("no-such-host.invalid")).build();
        SdkClientException refused = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();
        ApiCallTimeoutException timeout = ApiCallTimeoutException.create(5000);

        // WHEN they are described THEN each is an environment failure naming endpoint, region and reason
        assertThat(AwsFailures.describe(unknown, WHERE)).isInstanceOf(EnvironmentException.class)
                .hasMessage("cannot reach AWS at " + WHERE + ": unknown host no-such-host.invalid");
        assertThat(AwsFailures.describe(refused, WHERE)).isInstanceOf(EnvironmentException.class)
                .hasMessage("cannot reach AWS at " + WHERE + ": connection refused (Connection refused)");
        assertThat(AwsFailures.describe(timeout, WHERE)).isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("cannot reach AWS at " + WHERE + ": timed out");
    }

    @Test
    void shouldCallItBadInputWhenTheServiceRefusesTheRequest() {
        // GIVEN a 400 from SQS: the queue does not exist
        AwsServiceException refused = service(400, "QueueDoesNotExist", "The specified queue does not exist.");

        // WHEN it is described THEN it is something to fix first, named with the service's own words
        assertThat(AwsFailures.describe(refused, WHERE)).isInstanceOf(BadInputException.class)
                .hasMessage("Sqs at " + WHERE + " refused the request (HTTP 400): QueueDoesNotExist: The specified "
                        + "queue does not exist.");
    }

    @Test
    void shouldCallItUnreachableWhenTheServiceFailsOrThrottles() {
        assertThat(AwsFailures.describe(service(503, "ServiceUnavailable", "busy"), WHERE))
                .isInstanceOf(EnvironmentException.class);
        assertThat(AwsFailures.describe(service(400, "ThrottlingException", "slow down"), WHERE))
                .isInstanceOf(EnvironmentException.class);
    }

    @Test
    void shouldSayHowToGiveCredentialsWhenThereAreNone() {
        // GIVEN the SDK's long message for an empty credential chain
        SdkClientException none = SdkClientException.create("Unable to load credentials from any of the providers in "
                + "the chain AwsCredentialsProviderChain(credentialsProviders=[...]) : [...]");

        // WHEN it is described THEN one short line says what to set
        assertThat(AwsFailures.describe(none, WHERE)).isInstanceOf(BadInputException.class)
                .hasMessage("no AWS credentials for " + WHERE + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
                        + "AWS_PROFILE (an emulator takes any)");
    }

    @Test
    void shouldKeepTheLineShortWhenTheSdkSaysALot() {
        SdkClientException wordy = SdkClientException.create("x\n".repeat(1000));

        assertThat(AwsFailures.describe(wordy, WHERE).getMessage()).hasSizeLessThanOrEqualTo(303)
                .doesNotContain("\n");
    }

    private static AwsServiceException service(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status).awsErrorDetails(AwsErrorDetails.builder()
                .serviceName("Sqs").errorCode(code).errorMessage(message).build()).build();
    }
}
