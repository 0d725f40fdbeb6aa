package dev.streampipe.bench.router;

import java.util.Map;

/**
 * The router function's environment as {@code template.yaml} gives it, with fixed example names: what every bench
 * harness hands the real router (in-process or in a child JVM).
 */
public final class RouterEnvironment {
    /** The dead-letter queue's URL in {@link #VARIABLES}. */
    public static final String DEAD_LETTER_QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/streampipe-router-dlq";
    /** The effect ledger's table name in {@link #VARIABLES}. */
    public static final String LEDGER_TABLE = "streampipe-effect-ledger";

    /** The state table's name in {@link #VARIABLES} (the harnesses give the router an in-memory state store). */
    public static final String STATE_TABLE = "streampipe-router-state";

    /** Variable name to value. */
    public static final Map<String, String> VARIABLES = Map.of(
            "ANALYTICS_DELIVERY_STREAM", "streampipe-analytics",
            "HANDOFF_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:streampipe-handoffs",
            "EVENT_BUS_NAME", "streampipe-sessions",
            "EVENT_SOURCE", "streampipe.sessions",
            "SUMMARY_FUNCTION_NAME", "streampipe-summary",
            "DEAD_LETTER_QUEUE_URL", DEAD_LETTER_QUEUE,
            "LEDGER_TABLE_NAME", LEDGER_TABLE,
            "STATE_TABLE_NAME", STATE_TABLE,
            "LEDGER_TTL_HOURS", "48",
            "MAX_CONCURRENT_CALLS", "8");

    private RouterEnvironment() {
    }
}
