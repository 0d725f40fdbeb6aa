package dev.streampipe.router;

import dev.streampipe.core.record.KeySchema;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The router's configuration, read once from the environment (names as in {@code template.yaml}). Required
 * variables missing or values out of range fail fast, naming the variable and the value.
 */
public record RouterConfig(String deliveryStream, String handoffTopicArn, String eventBusName, String eventSource,
                           String summaryFunctionName, String deadLetterQueueUrl, String ledgerTable,
                           Duration ledgerTtl, SessionSchema schema, int maxConcurrentCalls, String metricNamespace) {

    /** The namespace of the router's EMF metrics when {@code METRIC_NAMESPACE} is not set. */
    public static final String DEFAULT_METRIC_NAMESPACE = "streampipe/Router";

    public RouterConfig {
        Objects.requireNonNull(schema, "schema");
        if (metricNamespace == null || metricNamespace.isBlank() || metricNamespace.length() > 255) {
            throw new IllegalArgumentException("metricNamespace must be 1..255 characters, was " + metricNamespace);
        }
        if (maxConcurrentCalls < 1 || maxConcurrentCalls > 64) {
            throw new IllegalArgumentException("maxConcurrentCalls must be 1..64, was " + maxConcurrentCalls);
        }
    }

    public static RouterConfig fromEnvironment(Map<String, String> env) {
        SessionSchema schema = SessionSchema.DEFAULT
                .withKeys(new KeySchema(env.getOrDefault("PARTITION_KEY_NAME", "PK"), env.getOrDefault("SORT_KEY_NAME", "SK")))
                .withSummaryInterval(intValue(env, "SUMMARY_INTERVAL", 10));
        return new RouterConfig(
                required(env, "ANALYTICS_DELIVERY_STREAM"),
                required(env, "HANDOFF_TOPIC_ARN"),
                required(env, "EVENT_BUS_NAME"),
                env.getOrDefault("EVENT_SOURCE", "streampipe.sessions"),
                required(env, "SUMMARY_FUNCTION_NAME"),
                required(env, "DEAD_LETTER_QUEUE_URL"),
                required(env, "LEDGER_TABLE_NAME"),
                Duration.ofHours(intValue(env, "LEDGER_TTL_HOURS", 48)),
                schema,
                intValue(env, "MAX_CONCURRENT_CALLS", 8),
                env.getOrDefault("METRIC_NAMESPACE", DEFAULT_METRIC_NAMESPACE));
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required");
        }
        return v;
    }

    private static int intValue(Map<String, String> env, String name, int defaultValue) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be a whole number, was '" + v + "'");
        }
    }
}
