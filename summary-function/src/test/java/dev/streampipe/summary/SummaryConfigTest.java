package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.session.SessionKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummaryConfigTest {

    @Test
    void shouldUseDefaultsAndLocalSummarizerWhenOnlyTableIsSet() {
        // WHEN
        SummaryConfig config = SummaryConfig.fromEnvironment(Map.of("TABLE_NAME", "sessions", "BEDROCK_MODEL_ID", " "));

        // THEN
        assertThat(config).isEqualTo(new SummaryConfig("sessions", "PK", "SK", 10, Duration.ofDays(30),
                Optional.empty(), SessionKeys.DEFAULT));
    }

    @Test
    void shouldReadEveryVariableWhenAllAreSet() {
        // WHEN
        SummaryConfig config = SummaryConfig.fromEnvironment(Map.of(
                "TABLE_NAME", "chat-sessions", "PARTITION_KEY_NAME", "pk", "SORT_KEY_NAME", "sk",
                "SUMMARY_INTERVAL", "5", "SUMMARY_TTL_DAYS", "7",
                "BEDROCK_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0",
                "BEDROCK_MAX_TOKENS", "300", "BEDROCK_TEMPERATURE", "0"));

        // THEN
        assertThat(config).isEqualTo(new SummaryConfig("chat-sessions", "pk", "sk", 5, Duration.ofDays(7),
                Optional.of(new BedrockSettings("anthropic.claude-3-haiku-20240307-v1:0", 300, 0.0)),
                SessionKeys.DEFAULT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TABLE_NAME|                   | TABLE_NAME must be set",
        "TABLE_NAME|ab                 | table name must be 3..255 characters of [A-Za-z0-9_.-], was 'ab'",
        "SUMMARY_INTERVAL|0            | SUMMARY_INTERVAL must be an integer 1..1000, was \"0\"",
        "SUMMARY_INTERVAL|ten          | SUMMARY_INTERVAL must be an integer 1..1000, was \"ten\"",
        "SUMMARY_INTERVAL|٣            | SUMMARY_INTERVAL must be an integer 1..1000, was \"٣\"",
        "SUMMARY_TTL_DAYS|0            | SUMMARY_TTL_DAYS must be an integer 1..3650, was \"0\"",
        "SUMMARY_TTL_DAYS|99999999999999999999 | SUMMARY_TTL_DAYS must be an integer 1..3650, was \"99999999999999999999\"",
        "BEDROCK_MAX_TOKENS|0          | BEDROCK_MAX_TOKENS must be an integer 1..100000, was \"0\"",
        "BEDROCK_MAX_TOKENS|4294967808 | BEDROCK_MAX_TOKENS must be an integer 1..100000, was \"4294967808\"",
        "BEDROCK_TEMPERATURE|1.5       | Bedrock temperature must be 0.0..1.0, was 1.5",
        "BEDROCK_TEMPERATURE|NaN       | Bedrock temperature must be 0.0..1.0, was NaN",
        "BEDROCK_TEMPERATURE|warm      | BEDROCK_TEMPERATURE must be a number, was \"warm\"",
        "SORT_KEY_NAME|PK              | partition and sort key names must differ, both were PK",
    })
    void shouldNameBadValueWhenVariableIsInvalid(String name, String value, String message) {
        // GIVEN a valid environment with one variable changed
        Map<String, String> env = new HashMap<>(Map.of(
                "TABLE_NAME", "sessions", "BEDROCK_MODEL_ID", "some-model"));
        env.put(name, value == null ? "" : value);

        // WHEN / THEN
        assertThatThrownBy(() -> SummaryConfig.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
