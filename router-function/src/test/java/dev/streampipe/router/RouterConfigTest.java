package dev.streampipe.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.aws.lambda.RuntimeSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterConfigTest {
    private static final Map<String, String> REQUIRED = Map.of(
            "ANALYTICS_DELIVERY_STREAM", "analytics", "HANDOFF_TOPIC_ARN", "arn:aws:sns:us-east-1:1:t",
            "EVENT_BUS_NAME", "bus", "SUMMARY_FUNCTION_NAME", "summary",
            "DEAD_LETTER_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/1/q", "LEDGER_TABLE_NAME", "ledger");

    @Test
    void shouldUseTheTemplatesNamespaceWhenMetricNamespaceIsSet() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("METRIC_NAMESPACE", "orders/Router");

        assertThat(RuntimeSettings.fromEnvironment(env).metricNamespace()).isEqualTo("orders/Router");
    }

    @Test
    void shouldNameTheNamespaceAfterTheFunctionWhenMetricNamespaceIsNotSet() {
        // GIVEN the environment Lambda gives a function without METRIC_NAMESPACE, and one outside Lambda
        Map<String, String> inLambda = new HashMap<>(REQUIRED);
        inLambda.put("AWS_LAMBDA_FUNCTION_NAME", "inventory-stream");

        // WHEN / THEN the function's metrics get a namespace of their own; outside Lambda, streampipe's
        assertThat(RuntimeSettings.fromEnvironment(inLambda).metricNamespace()).isEqualTo("streampipe/inventory-stream");
        assertThat(RuntimeSettings.fromEnvironment(REQUIRED).metricNamespace()).isEqualTo("streampipe");
    }

    @Test
    void shouldNameTheVariableWhenARequiredOneIsMissing() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.remove("HANDOFF_TOPIC_ARN");

        assertThatThrownBy(() -> RouterConfig.fromEnvironment(env)).hasMessageContaining("HANDOFF_TOPIC_ARN");
    }

    @Test
    void shouldRefuseABlankNamespace() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("METRIC_NAMESPACE", " ");

        assertThatThrownBy(() -> RouterConfig.fromEnvironment(env)).hasMessageContaining("metricNamespace");
    }
}
