package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code redrive}'s arguments, checked by the rules of SQS, Lambda and URLs before any client is built. */
class RedriveOptionsTest {
    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/on-failure";

    private static List<String> args(String... more) {
        List<String> args = new ArrayList<>(List.of("--queue-url", QUEUE, "--function", "router"));
        args.addAll(Arrays.asList(more));
        return args;
    }

    @Test
    void shouldReadEveryOptionWhenAllAreValid() {
        // GIVEN an emulator's queue URL, a qualified function ARN, an endpoint and a retry limit
        // WHEN they are read
        RedriveOptions o = RedriveOptions.parse(List.of("--queue-url", "http://localhost:4566/000000000000/q.fifo",
                "--function", "arn:aws:lambda:us-east-1:123456789012:function:router:live", "--endpoint",
                "http://127.0.0.1:4566", "--max-retries", "0"));

        // THEN each is taken as given
        assertThat(o.queueUrl()).isEqualTo(URI.create("http://localhost:4566/000000000000/q.fifo"));
        assertThat(o.function()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:router:live");
        assertThat(o.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(o.maxRetries()).isZero();
        assertThat(RedriveOptions.parse(args()).endpoint()).isEqualTo(Optional.empty());
        assertThat(RedriveOptions.parse(args()).maxRetries()).isEqualTo(RedriveOptions.DEFAULT_MAX_RETRIES);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|--max-retries must be a whole number from 0 to 10000, was 'abc'",
        "-1|--max-retries must be a whole number from 0 to 10000, was '-1'",
        "10001|--max-retries must be a whole number from 0 to 10000, was '10001'",
        "99999999999999999999|--max-retries must be a whole number from 0 to 10000, was '99999999999999999999'"})
    void shouldNameFlagAndValueWhenMaxRetriesIsNoValidCount(String value, String message) {
        assertThatThrownBy(() -> RedriveOptions.parse(args("--max-retries", value)))
                .isInstanceOf(BadInputException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "ftp://x/1/q", "sqs.eu-west-1.amazonaws.com/1/q", "https:///1/q",
        "https://h/1/q/extra", "https://h/q", "https://h/1/bad name", "https://h/1/q123456789q123456789q123456789q123456789q123456789q123456789q123456789q123456789q123456789",
        "https://user@h/1/q", "https://h/1/q?x=1", "https://h_x/1/q"})
    void shouldNameTheFlagWhenTheQueueUrlIsNoSqsQueueUrl(String value) {
        assertThatThrownBy(() -> RedriveOptions.parse(List.of("--queue-url", value, "--function", "f")))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("--queue-url ")
                .hasMessageContaining(Flags.shown(value).substring(0, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "f:", "arn:aws:s3:::bucket", "f;rm", "\u00e9t\u00e9", "f:$NOPE"})
    void shouldNameTheFlagWhenTheFunctionIsNoLambdaName(String value) {
        assertThatThrownBy(() -> RedriveOptions.parse(List.of("--queue-url", QUEUE, "--function", value)))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("--function must be a Lambda function")
                .hasMessageEndingWith("was " + Flags.shown(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost:4566|--endpoint must be an http:// or https:// URL, was 'localhost:4566'",
        "file:///etc/passwd|--endpoint must be an http:// or https:// URL, was 'file:///etc/passwd'",
        "http://|--endpoint is not a URL: 'http://' (Expected authority)",
        "http://:4566|--endpoint must be http://HOST[:PORT] (HOST: letters, digits, - and ., or an IP address; "
            + "PORT: up to 65535), was 'http://:4566'",
        "http://h:4566/?a=b|--endpoint must have no user, query or fragment, was 'http://h:4566/?a=b'",
        "http://h:99999999999|--endpoint must be http://HOST[:PORT] (HOST: letters, digits, - and ., or an IP "
            + "address; PORT: up to 65535), was 'http://h:99999999999'"})
    void shouldNameFlagAndValueWhenTheEndpointIsNoHttpUrl(String value, String message) {
        assertThatThrownBy(() -> RedriveOptions.parse(args("--endpoint", value))).isInstanceOf(BadInputException.class)
                .hasMessage(message);
    }

    @Test
    void shouldSayWhatIsMissingWhenQueueOrFunctionIsNotGiven() {
        assertThatThrownBy(() -> RedriveOptions.parse(List.of("--function", "f")))
                .isInstanceOf(BadInputException.class).hasMessage("redrive needs --queue-url (both --queue-url and "
                        + "--function)");
        assertThatThrownBy(() -> RedriveOptions.parse(List.of("--queue-url", QUEUE)))
                .hasMessage("redrive needs --function (both --queue-url and --function)");
    }
}
