package dev.streampipe.router;

import dev.streampipe.aws.lambda.RuntimeSettings;
import dev.streampipe.core.record.KeySchema;
import java.util.Map;
import java.util.Objects;

/**
 * The session router's own configuration (names as in {@code template.yaml}); what every stream function reads
 * (dead-letter queue, ledger table, concurrency, metric namespace) is {@link RuntimeSettings}. Required variables
 * missing or values out of range fail fast, naming the variable and the value.
 */
public record RouterConfig(String deliveryStream, String handoffTopicArn, String eventBusName, String eventSource,
                           String summaryFunctionName, SessionSchema schema) {

    public RouterConfig {
        Objects.requireNonNull(schema, "schema");
    }

    public static RouterConfig fromEnvironment(Map<String, String> env) {
        return from(RuntimeSettings.fromEnvironment(env));
    }

    public static RouterConfig from(RuntimeSettings s) {
        SessionSchema schema = SessionSchema.DEFAULT
                .withKeys(new KeySchema(s.get("PARTITION_KEY_NAME", "PK"), s.get("SORT_KEY_NAME", "SK")))
                .withSummaryInterval(s.intValue("SUMMARY_INTERVAL", 10));
        return new RouterConfig(s.required("ANALYTICS_DELIVERY_STREAM"), s.required("HANDOFF_TOPIC_ARN"),
                s.required("EVENT_BUS_NAME"), s.get("EVENT_SOURCE", "streampipe.sessions"),
                s.required("SUMMARY_FUNCTION_NAME"), schema);
    }
}
