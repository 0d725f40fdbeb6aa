package dev.streampipe.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.hotkey.alert.TableSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

class CloudWatchMetricsTest {

    private static final Instant AT = Instant.parse("2026-11-23T12:00:05Z");

    private static TableSnapshot snapshot(String table, int hot, double maxKey, double maxShard) {
        return new TableSnapshot(table, AT, hot, maxKey, maxShard, List.of(), List.of());
    }

    @Test
    void shouldPublishThreeMetricsPerTableWithTheTableNameDimensionWhenSnapshotsAreMapped() {
        // GIVEN one table's snapshot
        // WHEN mapped
        List<PutMetricDataRequest> requests =
                CloudWatchMetrics.requests("streampipe/HotKeys", List.of(snapshot("sessions", 2, 1_234.5, 2_000)));
        // THEN one request, namespace as configured, three datums for the table
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.namespace()).isEqualTo("streampipe/HotKeys");
            assertThat(r.metricData()).extracting(MetricDatum::metricName)
                    .containsExactly("HotKeyCount", "MaxKeyWcuPerSecond", "MaxShardWcuPerSecond");
            assertThat(r.metricData()).extracting(MetricDatum::value).containsExactly(2.0, 1_234.5, 2_000.0);
            assertThat(r.metricData()).extracting(MetricDatum::unit)
                    .containsExactly(StandardUnit.COUNT, StandardUnit.COUNT_SECOND, StandardUnit.COUNT_SECOND);
            assertThat(r.metricData()).allSatisfy(d -> {
                assertThat(d.timestamp()).isEqualTo(AT);
                assertThat(d.dimensions()).singleElement().satisfies(dim -> {
                    assertThat(dim.name()).isEqualTo("TableName");
                    assertThat(dim.value()).isEqualTo("sessions");
                });
            });
        });
    }

    @Test
    void shouldSplitRequestsAtTheDatumLimitWhenManyTablesAreMapped() {
        List<TableSnapshot> snapshots = IntStream.range(0, 400).mapToObj(i -> snapshot("t" + i, 0, 0, 0)).toList();
        List<PutMetricDataRequest> requests = CloudWatchMetrics.requests("ns", snapshots);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).metricData()).hasSize(999);
        assertThat(requests.get(1).metricData()).hasSize(201);
        assertThat(CloudWatchMetrics.requests("ns", List.of())).isEmpty();
    }
}
