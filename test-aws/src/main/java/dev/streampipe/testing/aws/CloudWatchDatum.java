package dev.streampipe.testing.aws;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code MetricData} element of a CloudWatch {@code PutMetricData} call. Optional fields the producer did not
 * send are {@code null} (or empty for lists).
 *
 * @param namespace         the call's {@code Namespace}
 * @param metricName        {@code MetricName}
 * @param dimensions        {@code Dimensions} as name to value, in request order
 * @param value             {@code Value}, or {@code null}
 * @param values            {@code Values}
 * @param counts            {@code Counts}
 * @param statistics        {@code StatisticValues}, or {@code null}
 * @param unit              {@code Unit}, or {@code null}
 * @param timestamp         {@code Timestamp}, or {@code null}
 * @param storageResolution {@code StorageResolution}, or {@code null}
 */
public record CloudWatchDatum(String namespace, String metricName, Map<String, String> dimensions, Double value,
                              List<Double> values, List<Double> counts, Statistics statistics, String unit,
                              Instant timestamp, Integer storageResolution) {

    public CloudWatchDatum {
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        values = List.copyOf(values);
        counts = List.copyOf(counts);
    }

    /** {@code StatisticValues} of a datum. */
    public record Statistics(double sampleCount, double sum, double minimum, double maximum) {
    }
}
