package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Values a user can get wrong, one setting at a time: each ends as a message naming the key, the value and the rule. */
class MonitorSettingsValuesTest {

    private static final String ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/sessions/stream/2026-01-01T00:00:00.000";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TOP_KEYS                      | 99999999999999999999999 | TOP_KEYS must be an integer 1..100, was '99999999999999999999999'",
        "TOP_KEYS                      | 4294967297              | TOP_KEYS must be an integer 1..100, was '4294967297'",
        "TOP_KEYS                      | 5.0                     | TOP_KEYS must be an integer 1..100, was '5.0'",
        "TOP_KEYS                      | 1e1                     | TOP_KEYS must be an integer 1..100, was '1e1'",
        "TOP_KEYS                      | 0x10                    | TOP_KEYS must be an integer 1..100, was '0x10'",
        "TOP_KEYS                      | ٣                       | TOP_KEYS must be an integer 1..100, was '٣'",
        "HOT_KEY_MAX_TRACKED_KEYS      | -9223372036854775809    | HOT_KEY_MAX_TRACKED_KEYS must be an integer 8..1048576, was '-9223372036854775809'",
        "HOT_KEY_WCU_PER_SECOND        | 99999999999999999999999 | HOT_KEY_WCU_PER_SECOND must be a number in (0, 1000000] or * for unlimited, was '99999999999999999999999'",
        "HOT_KEY_WCU_PER_SECOND        | 1e999                   | HOT_KEY_WCU_PER_SECOND must be a number in (0, 1000000] or * for unlimited, was '1e999'",
        "HOT_KEY_WCU_PER_SECOND        | NaN                     | HOT_KEY_WCU_PER_SECOND must be a number in (0, 1000000] or * for unlimited, was 'NaN'",
        "HOT_KEY_WRITES_PER_SECOND     | Infinity                | HOT_KEY_WRITES_PER_SECOND must be a number in (0, 1000000] or * for unlimited, was 'Infinity'",
        "HOT_KEY_WRITES_PER_SECOND     | 800f                    | HOT_KEY_WRITES_PER_SECOND must be a number in (0, 1000000] or * for unlimited, was '800f'",
        "HOT_KEY_WRITES_PER_SECOND     | 0x1p3                   | HOT_KEY_WRITES_PER_SECOND must be a number in (0, 1000000] or * for unlimited, was '0x1p3'",
        "TARGET_UTILIZATION            | 1.0000000000000000001   | TARGET_UTILIZATION must be a number in (0, 1], was '1.0000000000000000001'",
        "HOT_KEY_RECOVERY_FRACTION     | -0.5                    | HOT_KEY_RECOVERY_FRACTION must be a number in (0, 1], was '-0.5'",
        "EVALUATE_INTERVAL_MILLIS      | 99                      | EVALUATE_INTERVAL_MILLIS must be an integer 100..60000, was '99'",
        "IDLE_TIME_BETWEEN_READS_MILLIS| 2147483648              | IDLE_TIME_BETWEEN_READS_MILLIS must be an integer 10..10000, was '2147483648'",
        "HOT_KEY_COOLDOWN_SECONDS      | 86401                   | HOT_KEY_COOLDOWN_SECONDS must be an integer 0..86400, was '86401'",
        "EVENT_TIME                    | later                   | EVENT_TIME must be one of [PROCESSING, CREATION], was 'later'",
    })
    void shouldNameTheKeyTheValueAsWrittenAndTheRangeWhenANumberIsOutOfItsRangeOrNotANumber(
            String key, String value, String message) {
        // GIVEN a stream and one bad value
        // WHEN parsed  THEN the message names the key, the value as written and what it must be
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of("STREAM_ARN", ARN, key, value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid monitor configuration: " + message);
    }

    @Test
    void shouldReadDecimalsExactlyWhenTheyAreInRange() {
        // GIVEN numbers at the edges of their ranges, with a sign and trailing zeros
        Map<String, String> values = Map.of("STREAM_ARN", ARN, "HOT_KEY_WCU_PER_SECOND", "1000000.000",
                "HOT_KEY_WRITES_PER_SECOND", ".5", "TARGET_UTILIZATION", "+1", "TOP_KEYS", "+100");
        // WHEN parsed
        MonitorConfig config = MonitorSettings.parse(values);
        // THEN each is the number written
        assertThat(config.hotKey().defaultThreshold().wcuPerSecond()).isEqualTo(1_000_000);
        assertThat(config.hotKey().defaultThreshold().writesPerSecond()).isEqualTo(0.5);
        assertThat(config.targetUtilization()).isEqualTo(1.0);
        assertThat(config.topKeys()).isEqualTo(100);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "STREAM_ARN        | arn:aws:dynamodb:eu-west-1:123456789012:table/a b/stream/x          | STREAM_ARN must be a DynamoDB stream ARN",
        "STREAM_ARN        | arn:aws:dynamodb:eu-west-1:123456789012:table/ab/stream/x           | STREAM_ARN must be a DynamoDB stream ARN",
        "APPLICATION_NAME  | my app                                                              | APPLICATION_NAME must be 3..255 characters of [A-Za-z0-9_.-], was 'my app'",
        "ALERT_TOPIC_ARN   | arn:aws:sqs:eu-west-1:123456789012:q                                 | ALERT_TOPIC_ARN must be an SNS topic ARN",
        "ALERT_TOPIC_ARN   | arn:aws:sns:eu-west-1:1:topic                                        | ALERT_TOPIC_ARN must be an SNS topic ARN",
        "METRIC_NAMESPACE  | AWS/DynamoDB                                                         | METRIC_NAMESPACE must be 1..255 characters",
        "METRIC_NAMESPACE  | app\u00e9                                                            | METRIC_NAMESPACE must be 1..255 characters",
        "DYNAMODB_ENDPOINT | http://bad host:x                                                    | DYNAMODB_ENDPOINT must be an emulator's http(s) URL such as http://127.0.0.1:5000, was 'http://bad host:x'",
        "DYNAMODB_ENDPOINT | 127.0.0.1:5000                                                       | DYNAMODB_ENDPOINT must be an emulator's http(s) URL",
        "DYNAMODB_ENDPOINT | ftp://127.0.0.1:5000                                                 | DYNAMODB_ENDPOINT must be an emulator's http(s) URL",
        "DYNAMODB_ENDPOINT | http://127.0.0.1:0                                                   | DYNAMODB_ENDPOINT must be an emulator's http(s) URL",
        "DYNAMODB_ENDPOINT | http://127.0.0.1:99999999999                                         | DYNAMODB_ENDPOINT must be an emulator's http(s) URL",
        "DYNAMODB_ENDPOINT | http://user:secret@127.0.0.1:5000                                    | DYNAMODB_ENDPOINT must be an emulator's http(s) URL",
        "DYNAMODB_ENDPOINT | http://127.0.0.1:5000/path?x=1                                       | DYNAMODB_ENDPOINT must be an emulator's http(s) URL",
    })
    void shouldNameTheKeyAndValueWhenANameOrEndpointBreaksItsRules(String key, String value, String message) {
        // GIVEN a stream (unless the bad value is the stream itself) and one bad value
        Map<String, String> values = new HashMap<>(Map.of("STREAM_ARN", ARN));
        values.put(key, value);
        // WHEN parsed  THEN the message names the key and the rule
        assertThatThrownBy(() -> MonitorSettings.parse(values))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("invalid monitor configuration: " + message);
    }

    @Test
    void shouldCutAHugeValueAndEscapeItsLineBreaksWhenNamingIt() {
        // GIVEN a 1 MB value with a line break in it
        String huge = "line\nbreak" + "9".repeat(1_000_000);
        // WHEN parsed
        // THEN the message is one short line, the value's start shown escaped and its length said
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of("STREAM_ARN", ARN, "TOP_KEYS", huge)))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain("\n")
                        .contains("TOP_KEYS must be an integer 1..100, was 'line\\nbreak999")
                        .endsWith("... (1000010 characters in all)'"));
    }

    @Test
    void shouldNameTenProblemsAndCountTheRestWhenManyValuesAreBad() {
        // GIVEN twelve bad values
        Map<String, String> values = new HashMap<>(Map.of("STREAM_ARN", ARN));
        for (String key : new String[] {"TOP_KEYS", "TARGET_UTILIZATION", "HOT_KEY_WINDOW_SECONDS",
                "HOT_KEY_RECOVERY_FRACTION", "HOT_KEY_RECOVERY_HOLD_SECONDS", "HOT_KEY_COOLDOWN_SECONDS",
                "HOT_KEY_MAX_TRACKED_KEYS", "EVALUATE_INTERVAL_MILLIS", "CHECKPOINT_INTERVAL_MILLIS",
                "IDLE_TIME_BETWEEN_READS_MILLIS", "FAILOVER_TIME_MILLIS", "HOT_KEY_WCU_PER_SECOND"}) {
            values.put(key, "x");
        }
        // WHEN parsed
        // THEN every problem is kept, ten are named and the message counts the other two
        assertThatThrownBy(() -> MonitorSettings.parse(values))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(12);
                    assertThat(e.getMessage()).endsWith("; and 2 more").doesNotContain(e.problems().get(11));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:5000", "https://localhost", "HTTP://[::1]:4566/"})
    void shouldReturnTheEndpointWhenItIsAnHttpUrl(String endpoint) {
        // GIVEN an emulator's URL  WHEN read
        // THEN it is returned as a URI, and the whole configuration parses too
        Map<String, String> values = Map.of("STREAM_ARN", ARN, "DYNAMODB_ENDPOINT", endpoint);
        assertThat(MonitorSettings.emulatorEndpoint(values)).contains(URI.create(endpoint));
        assertThat(MonitorSettings.parse(values).streamArn()).isEqualTo(ARN);
    }

    @Test
    void shouldNameThePathWhenTheAlertFileIsNoPath() {
        // GIVEN an alert file name with a NUL character
        // WHEN parsed  THEN ALERT_FILE is named, the NUL shown escaped
        assertThatThrownBy(() -> MonitorSettings.parse(Map.of("STREAM_ARN", ARN, "ALERT_FILE", "a\0b")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("ALERT_FILE must be a file path, was 'a\\u0000b'");
    }
}
