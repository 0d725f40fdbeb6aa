package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

class CloudWatchLoopbackIT {

    private static final String NAMESPACE = "streampipe/HotKeys";
    private static final Instant TIME = Instant.parse("2026-03-01T10:15:30Z");

    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    @Test
    void shouldDecodeCborMetricDataWhenPutMetricDataSucceeds() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (CloudWatchClient cloudWatch = aws.client(CloudWatchClient.builder())) {
            // WHEN
            cloudWatch.putMetricData(b -> b.namespace(NAMESPACE).metricData(
                    datum("HotKeyCount", 2.0).toBuilder().timestamp(TIME).storageResolution(1).build(),
                    MetricDatum.builder().metricName("MaxKeyWcuPerSecond").unit(StandardUnit.COUNT_SECOND)
                            .dimensions(table("sessions")).values(1200.5, 80.0).counts(1.0, 3.0).build(),
                    MetricDatum.builder().metricName("MaxShardWcuPerSecond").dimensions(table("sessions"))
                            .statisticValues(StatisticSet.builder().sampleCount(4.0).sum(10.0).minimum(1.0)
                                    .maximum(5.0).build()).build()));
        }
        // THEN
        List<CloudWatchDatum> data = aws.cloudWatch().received();
        assertThat(data.get(0)).isEqualTo(new CloudWatchDatum(NAMESPACE, "HotKeyCount", Map.of("TableName", "sessions"),
                2.0, List.of(), List.of(), null, "Count", TIME, 1));
        assertThat(data.get(1).values()).containsExactly(1200.5, 80.0);
        assertThat(data.get(1).counts()).containsExactly(1.0, 3.0);
        assertThat(data.get(1).unit()).isEqualTo("Count/Second");
        assertThat(data.get(1).value()).isNull();
        assertThat(data.get(2).statistics()).isEqualTo(new CloudWatchDatum.Statistics(4.0, 10.0, 1.0, 5.0));
        assertThat(aws.calls("CloudWatch", "PutMetricData")).isEqualTo(1);
        assertThat(aws.entries("CloudWatch", "PutMetricData")).isEqualTo(3);
        assertThat(aws.unexpected()).isEmpty();
    }

    @Test
    void shouldDecodeLargeRequestWhenSdkCompressesIt() {
        // GIVEN a body far above the SDK's 10 KiB compression threshold
        LoopbackAws aws = loopback.aws();
        List<MetricDatum> data = IntStream.range(0, 1000)
                .mapToObj(i -> datum("HotKeyCount", i).toBuilder().dimensions(table("table-" + i)).build()).toList();
        try (CloudWatchClient cloudWatch = aws.client(CloudWatchClient.builder())) {
            // WHEN
            cloudWatch.putMetricData(b -> b.namespace(NAMESPACE).metricData(data));
        }
        // THEN
        assertThat(aws.cloudWatch().received()).hasSize(1000)
                .extracting(d -> d.dimensions().get("TableName")).endsWith("table-999");
    }

    @Test
    void shouldThrowThrottlingCloudWatchExceptionWhenCallIsThrottled() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.cloudWatch().throttle(1);
        try (CloudWatchClient cloudWatch = aws.client(CloudWatchClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> cloudWatch.putMetricData(b -> b.namespace(NAMESPACE).metricData(datum("X", 1))))
                    .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
    }

    @Test
    void shouldFailWholeCallWhenOneDatumMatchesFailureRule() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.cloudWatch().failEntriesMatching(d -> d.metricName().equals("Bad"), "InvalidParameterValue", 1);
        try (CloudWatchClient cloudWatch = aws.client(CloudWatchClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> cloudWatch.putMetricData(b -> b.namespace(NAMESPACE)
                    .metricData(datum("Good", 1), datum("Bad", 2))))
                    .isInstanceOfSatisfying(CloudWatchException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        }
        assertThat(aws.cloudWatch().accepted()).isEmpty();
    }

    private static MetricDatum datum(String name, double value) {
        return MetricDatum.builder().metricName(name).value(value).unit(StandardUnit.COUNT)
                .dimensions(table("sessions")).build();
    }

    private static Dimension table(String table) {
        return Dimension.builder().name("TableName").value(table).build();
    }
}
