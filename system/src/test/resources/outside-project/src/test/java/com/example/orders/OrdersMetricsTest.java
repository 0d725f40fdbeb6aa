package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** A real SDK client against the loopback endpoint of streampipe-test-aws (CloudWatch: Smithy RPCv2 CBOR). */
class OrdersMetricsTest {
    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    @Test
    void shouldRecordTheDatumWhenAMetricIsPut() {
        // GIVEN a CloudWatch client pointed at the loopback endpoint
        LoopbackAws aws = loopback.aws();
        try (CloudWatchClient cloudWatch = aws.client(CloudWatchClient.builder())) {
            // WHEN a metric is put
            cloudWatch.putMetricData(b -> b.namespace("orders").metricData(d -> d.metricName("Placed").value(3.0)));
        }

        // THEN the endpoint decoded it
        assertThat(aws.cloudWatch().received()).singleElement().satisfies(datum -> {
            assertThat(datum.metricName()).isEqualTo("Placed");
            assertThat(datum.value()).isEqualTo(3.0);
        });
        assertThat(aws.unexpected()).isEmpty();
    }
}
