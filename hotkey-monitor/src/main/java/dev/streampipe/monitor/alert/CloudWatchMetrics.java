package dev.streampipe.monitor.alert;

import dev.streampipe.hotkey.alert.TableSnapshot;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Maps snapshots to PutMetricData requests: per table, dimension {@code TableName}, the metrics
 * {@code HotKeyCount} (Count), {@code MaxKeyWcuPerSecond} and {@code MaxShardWcuPerSecond}
 * (Count/Second), timestamped at the evaluation. At most {@value #MAX_DATUMS_PER_REQUEST} datums per
 * request (the API limit is 1,000).
 */
public final class CloudWatchMetrics {

    public static final String TABLE_NAME = "TableName";
    public static final String HOT_KEY_COUNT = "HotKeyCount";
    public static final String MAX_KEY_WCU_PER_SECOND = "MaxKeyWcuPerSecond";
    public static final String MAX_SHARD_WCU_PER_SECOND = "MaxShardWcuPerSecond";
    static final int MAX_DATUMS_PER_REQUEST = 999;

    private CloudWatchMetrics() {
    }

    /** The requests for {@code snapshots}; none when there are no snapshots. */
    public static List<PutMetricDataRequest> requests(String namespace, List<TableSnapshot> snapshots) {
        List<MetricDatum> datums = new ArrayList<>(snapshots.size() * 3);
        for (TableSnapshot s : snapshots) {
            Dimension table = Dimension.builder().name(TABLE_NAME).value(s.table()).build();
            datums.add(datum(HOT_KEY_COUNT, s.hotKeyCount(), StandardUnit.COUNT, table, s));
            datums.add(datum(MAX_KEY_WCU_PER_SECOND, s.maxKeyWcuPerSecond(), StandardUnit.COUNT_SECOND, table, s));
            datums.add(datum(MAX_SHARD_WCU_PER_SECOND, s.maxShardWcuPerSecond(), StandardUnit.COUNT_SECOND, table, s));
        }
        List<PutMetricDataRequest> requests = new ArrayList<>();
        for (int from = 0; from < datums.size(); from += MAX_DATUMS_PER_REQUEST) {
            List<MetricDatum> chunk = datums.subList(from, Math.min(datums.size(), from + MAX_DATUMS_PER_REQUEST));
            requests.add(PutMetricDataRequest.builder().namespace(namespace).metricData(List.copyOf(chunk)).build());
        }
        return requests;
    }

    private static MetricDatum datum(String name, double value, StandardUnit unit, Dimension table, TableSnapshot s) {
        return MetricDatum.builder().metricName(name).dimensions(table).value(value).unit(unit).timestamp(s.at()).build();
    }
}
