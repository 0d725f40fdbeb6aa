package dev.streampipe.aws.lambda;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the runtime reads from a stream function's environment, whatever its topology, plus typed access to the
 * application's own variables ({@link #required}, {@link #get}, {@link #intValue}). Read once, in the handler's
 * no-argument path. Missing required variables and values out of range fail fast, naming the variable.
 * {@link #VARIABLES} lists every variable read here, {@link #CLIENT_VARIABLES} those the clients take:
 *
 * <ul>
 *   <li>{@code DEAD_LETTER_QUEUE_URL} (required): the SQS queue poison records go to;</li>
 *   <li>{@code LEDGER_TABLE_NAME}: the DynamoDB effect ledger, required when a route is {@code ledgered()};</li>
 *   <li>{@code STATE_TABLE_NAME}: the DynamoDB table aggregations keep their values in, required when the topology
 *   has an aggregation;</li>
 *   <li>{@code LEDGER_TTL_HOURS} (48, at least 24: the stream's retention), {@code MAX_CONCURRENT_CALLS}
 *   (8 per sink, 1..64), {@code METRIC_NAMESPACE} ({@code streampipe/<function name>} in Lambda, from
 *   {@code AWS_LAMBDA_FUNCTION_NAME}, so two functions' metrics never mix; {@value #DEFAULT_METRIC_NAMESPACE}
 *   elsewhere).</li>
 * </ul>
 */
public record RuntimeSettings(String deadLetterQueueUrl, Optional<String> ledgerTable, Duration ledgerTtl,
                              Optional<String> stateTable, int maxConcurrentCalls, String metricNamespace,
                              Map<String, String> environment) {

    /** The namespace of the EMF metrics when neither {@code METRIC_NAMESPACE} nor a function name is set. */
    public static final String DEFAULT_METRIC_NAMESPACE = "streampipe";
    public static final String DEAD_LETTER_QUEUE_URL = "DEAD_LETTER_QUEUE_URL";
    public static final String LEDGER_TABLE_NAME = "LEDGER_TABLE_NAME";
    public static final String LEDGER_TTL_HOURS = "LEDGER_TTL_HOURS";
    public static final String STATE_TABLE_NAME = "STATE_TABLE_NAME";
    public static final String MAX_CONCURRENT_CALLS = "MAX_CONCURRENT_CALLS";
    public static final String METRIC_NAMESPACE = "METRIC_NAMESPACE";
    /** Set by Lambda: the function's name, the default metric namespace's last part. */
    public static final String AWS_LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
    /** Every variable {@link #fromEnvironment} reads (the application's own aside). */
    public static final List<String> VARIABLES = List.of(DEAD_LETTER_QUEUE_URL, LEDGER_TABLE_NAME, LEDGER_TTL_HOURS,
            STATE_TABLE_NAME, MAX_CONCURRENT_CALLS, METRIC_NAMESPACE, AWS_LAMBDA_FUNCTION_NAME);
    /** The clients' region, required by {@link AwsClients#fromEnvironment()} (Lambda sets it). */
    public static final String AWS_REGION = "AWS_REGION";
    /** When set (Lambda sets it with the secret key and session token), the clients' credentials come from these. */
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    /**
     * Every variable the clients of {@link AwsClients#fromEnvironment()} take: the region, the credentials, and the
     * SDK's endpoint overrides ({@code AWS_ENDPOINT_URL_<SERVICE>} stands for one per service). With
     * {@link #VARIABLES}, every variable the runtime reads.
     */
    public static final List<String> CLIENT_VARIABLES = List.of(AWS_REGION, AWS_ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_<SERVICE>");
    /** {@code LEDGER_TTL_HOURS} when unset. */
    private static final int DEFAULT_LEDGER_TTL_HOURS = 48;
    /** The least {@code LEDGER_TTL_HOURS}: a ledger entry must outlive the stream's 24-hour retention. */
    private static final int MIN_LEDGER_TTL_HOURS = 24;
    /** {@code MAX_CONCURRENT_CALLS} when unset. */
    private static final int DEFAULT_MAX_CONCURRENT_CALLS = 8;
    /** The most {@code MAX_CONCURRENT_CALLS}. */
    private static final int MAX_MAX_CONCURRENT_CALLS = 64;

    public RuntimeSettings {
        Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
        Objects.requireNonNull(ledgerTable, "ledgerTable");
        Objects.requireNonNull(ledgerTtl, "ledgerTtl");
        Objects.requireNonNull(stateTable, "stateTable");
        environment = Map.copyOf(environment);
        if (metricNamespace == null || metricNamespace.isBlank() || metricNamespace.length() > 255) {
            throw new IllegalArgumentException("metricNamespace must be 1..255 characters, was " + metricNamespace);
        }
        if (maxConcurrentCalls < 1 || maxConcurrentCalls > MAX_MAX_CONCURRENT_CALLS) {
            throw new IllegalArgumentException("maxConcurrentCalls must be 1.." + MAX_MAX_CONCURRENT_CALLS + ", was "
                    + maxConcurrentCalls);
        }
        if (ledgerTtl.isNegative() || ledgerTtl.isZero()) {
            throw new IllegalArgumentException("ledgerTtl must be positive, was " + ledgerTtl);
        }
    }

    /** The settings in {@code env}; fails naming the variable when one is missing or out of range. */
    public static RuntimeSettings fromEnvironment(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        Map<String, String> read = new HashMap<>(); // the runtime sees the variables it lists, no other
        for (String name : VARIABLES) {
            if (copy.containsKey(name)) {
                read.put(name, copy.get(name));
            }
        }
        return new RuntimeSettings(required(read, DEAD_LETTER_QUEUE_URL), optional(read, LEDGER_TABLE_NAME),
                Duration.ofHours(intValue(read, LEDGER_TTL_HOURS, DEFAULT_LEDGER_TTL_HOURS, MIN_LEDGER_TTL_HOURS,
                        Integer.MAX_VALUE, " (a ledger entry must outlive the stream's 24-hour retention)")),
                optional(read, STATE_TABLE_NAME),
                intValue(read, MAX_CONCURRENT_CALLS, DEFAULT_MAX_CONCURRENT_CALLS, 1, MAX_MAX_CONCURRENT_CALLS, ""),
                read.getOrDefault(METRIC_NAMESPACE, defaultMetricNamespace(read)),
                copy);
    }

    /**
     * {@code streampipe/<function name>} when {@code AWS_LAMBDA_FUNCTION_NAME} (set by Lambda) is there, else
     * {@value #DEFAULT_METRIC_NAMESPACE}: each function's metrics in a namespace of its own unless told otherwise.
     */
    static String defaultMetricNamespace(Map<String, String> env) {
        String function = env.get(AWS_LAMBDA_FUNCTION_NAME);
        return function == null || function.isBlank() ? DEFAULT_METRIC_NAMESPACE
                : DEFAULT_METRIC_NAMESPACE + "/" + function.strip();
    }

    /** An application variable that must be set. */
    public String required(String name) {
        return required(environment, name);
    }

    /** An application variable, or {@code defaultValue} when it is not set. */
    public String get(String name, String defaultValue) {
        String v = environment.get(name);
        return v == null || v.isBlank() ? defaultValue : v;
    }

    /** A whole-number application variable, or {@code defaultValue} when it is not set. */
    public int intValue(String name, int defaultValue) {
        return intValue(environment, name, defaultValue);
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required");
        }
        return v;
    }

    private static int intValue(Map<String, String> env, String name, int defaultValue, int min, int max,
                                String why) {
        int v = intValue(env, name, defaultValue);
        if (v < min || v > max) {
            throw new IllegalStateException("environment variable " + name + " must be "
                    + (max == Integer.MAX_VALUE ? "at least " + min : min + ".." + max) + why + ", was " + v);
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
