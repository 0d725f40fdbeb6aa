package dev.streampipe.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link RuntimeSettings}: defaults, ranges named by variable, and {@link RuntimeSettings#VARIABLES}. */
class RuntimeSettingsTest {
    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq";

    @Test
    void shouldUseTheDefaultsWhenOnlyTheDeadLetterQueueIsSet() {
        // GIVEN / WHEN only the required variable
        RuntimeSettings settings = RuntimeSettings.fromEnvironment(Map.of("DEAD_LETTER_QUEUE_URL", QUEUE));

        // THEN every other setting is its documented default
        assertThat(settings.deadLetterQueueUrl()).isEqualTo(QUEUE);
        assertThat(settings.ledgerTable()).isEmpty();
        assertThat(settings.ledgerTtl()).isEqualTo(Duration.ofHours(48));
        assertThat(settings.stateTable()).isEmpty();
        assertThat(settings.maxConcurrentCalls()).isEqualTo(8);
        assertThat(settings.metricNamespace()).isEqualTo("streampipe");
    }

    @Test
    void shouldReadEveryListedVariableWhenEachIsSet() {
        // GIVEN each variable of VARIABLES set to a value other than its default
        Map<String, String> env = new HashMap<>(Map.of("DEAD_LETTER_QUEUE_URL", QUEUE,
                "LEDGER_TABLE_NAME", "orders-ledger", "LEDGER_TTL_HOURS", "72", "STATE_TABLE_NAME", "orders-state",
                "MAX_CONCURRENT_CALLS", "16", "AWS_LAMBDA_FUNCTION_NAME", "orders-stream"));

        // WHEN read, with and without METRIC_NAMESPACE
        RuntimeSettings byFunction = RuntimeSettings.fromEnvironment(env);
        env.put("METRIC_NAMESPACE", "orders/Stream");
        RuntimeSettings named = RuntimeSettings.fromEnvironment(env);

        // THEN each shows in the settings, and these are all the variables listed
        assertThat(byFunction).extracting(RuntimeSettings::ledgerTable, RuntimeSettings::ledgerTtl,
                RuntimeSettings::stateTable, RuntimeSettings::maxConcurrentCalls, RuntimeSettings::metricNamespace)
                .containsExactly(Optional.of("orders-ledger"), Duration.ofHours(72), Optional.of("orders-state"), 16,
                        "streampipe/orders-stream");
        assertThat(named.metricNamespace()).isEqualTo("orders/Stream");
        assertThat(RuntimeSettings.VARIABLES).containsExactlyInAnyOrderElementsOf(env.keySet());
    }

    @Test
    void shouldNameTheVariableWhenAValueIsOutOfRange() {
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("DEAD_LETTER_QUEUE_URL", QUEUE,
                "LEDGER_TTL_HOURS", "12")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("environment variable LEDGER_TTL_HOURS must be at least 24 (a ledger entry must outlive"
                        + " the stream's 24-hour retention), was 12");
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("DEAD_LETTER_QUEUE_URL", QUEUE,
                "MAX_CONCURRENT_CALLS", "65")))
                .hasMessage("environment variable MAX_CONCURRENT_CALLS must be 1..64, was 65");
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("LEDGER_TABLE_NAME", "ledger")))
                .hasMessage("environment variable DEAD_LETTER_QUEUE_URL is required");
    }

    @Test
    void shouldKeepTheApplicationsVariablesWhenTheRuntimeIgnoresThem() {
        // GIVEN an application variable beside the runtime's
        RuntimeSettings settings = RuntimeSettings.fromEnvironment(Map.of("DEAD_LETTER_QUEUE_URL", QUEUE,
                "ORDERS_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:orders"));

        // WHEN / THEN the application reads it; it is not one of the runtime's
        assertThat(settings.required("ORDERS_TOPIC_ARN")).endsWith(":orders");
        assertThat(RuntimeSettings.VARIABLES).doesNotContain("ORDERS_TOPIC_ARN");
    }
}
