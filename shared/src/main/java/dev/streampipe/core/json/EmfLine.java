package dev.streampipe.core.json;

import java.util.List;
import java.util.Objects;

/**
 * One CloudWatch Embedded Metric Format (EMF) line: a JSON object on a single line whose {@code _aws} member tells
 * CloudWatch Logs which of its other members are metrics, so a log line becomes metric data with no PutMetricData
 * call. The line starts with the metadata, then holds the members in the order they are added:
 * <pre>{@code
 * {"_aws":{"Timestamp":1795252500123,"CloudWatchMetrics":[{"Namespace":"streampipe/Router",
 *   "Dimensions":[["Route"],[]],"Metrics":[{"Name":"DeadLetters","Unit":"Count"}]}]},
 *  "Route":"audit","DeadLetters":2,"kind":"dead_letters"}
 * }</pre>
 * (shown wrapped; written on one line). Each dimension set lists dimension names; an empty set aggregates over all.
 * The caller adds a value for every dimension and metric named in the metadata, and may add other members (log
 * fields), which CloudWatch keeps in the log only. Strings are escaped as {@link JsonStrings} does; a non-finite
 * number, which JSON has no form for, is written as its text. Used by the stream runtime's metrics and the client
 * hot-key detector's. Not thread-safe: one builder per line.
 */
public final class EmfLine {

    /** A metric the metadata declares: its name and its CloudWatch unit ({@code Count}, {@code Milliseconds}, ...). */
    public record Metric(String name, String unit) {
        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
        }
    }

    private final JsonText json = JsonText.object();

    private EmfLine(long timestampMillis, String namespace, List<List<String>> dimensionSets, List<Metric> metrics) {
        StringBuilder aws = new StringBuilder(256).append("{\"Timestamp\":").append(timestampMillis)
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        JsonStrings.append(aws, Objects.requireNonNull(namespace, "namespace")).append(",\"Dimensions\":[");
        for (int i = 0; i < dimensionSets.size(); i++) {
            aws.append(i > 0 ? ",[" : "[");
            List<String> set = dimensionSets.get(i);
            for (int j = 0; j < set.size(); j++) {
                if (j > 0) {
                    aws.append(',');
                }
                JsonStrings.append(aws, set.get(j));
            }
            aws.append(']');
        }
        aws.append("],\"Metrics\":[");
        for (int i = 0; i < metrics.size(); i++) {
            aws.append(i > 0 ? ",{\"Name\":" : "{\"Name\":");
            JsonStrings.append(aws, metrics.get(i).name()).append(",\"Unit\":");
            JsonStrings.append(aws, metrics.get(i).unit()).append('}');
        }
        json.raw("_aws", aws.append("]}]}").toString());
    }

    /**
     * A line whose metadata says: at {@code timestampMillis} (epoch milliseconds), in {@code namespace}, the
     * {@code metrics} per each of the {@code dimensionSets}.
     */
    public static EmfLine of(long timestampMillis, String namespace, List<List<String>> dimensionSets,
                             List<Metric> metrics) {
        return new EmfLine(timestampMillis, namespace, dimensionSets, metrics);
    }

    /** A dimension's value or a log field; null is written as JSON null. */
    public EmfLine field(String name, String valueOrNull) {
        json.field(name, valueOrNull);
        return this;
    }

    /** A metric's value (or a numeric log field). */
    public EmfLine field(String name, long value) {
        json.field(name, value);
        return this;
    }

    /** A metric's value (or a numeric log field); NaN and infinities as their text. */
    public EmfLine field(String name, double value) {
        json.field(name, value);
        return this;
    }

    /** A log field holding a list of strings. */
    public EmfLine field(String name, List<String> values) {
        json.field(name, values);
        return this;
    }

    /** The line, without a line break. */
    public String end() {
        return json.end();
    }
}
