package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.kinesis.metrics.MetricsLevel;

class MonitorClientsTest {

    private static final URI EMULATOR = URI.create("http://127.0.0.1:45678");
    private static final String ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/sessions/stream/2026-01-01T00:00:00.000";

    @Test
    void shouldPointEveryClientIncludingSnsAtTheEmulatorWhenBuiltForAnEndpoint() {
        // GIVEN clients for an emulator endpoint in the stream's region
        // WHEN built (no request is sent)
        try (MonitorClients clients = MonitorClients.local(EMULATOR, Region.EU_WEST_1);
             SnsClient sns = clients.newSnsClient()) {
            // THEN they are marked as an emulator's, and SNS goes to the same endpoint and region
            assertThat(clients.isEmulator()).isTrue();
            assertThat(clients.emulatorEndpoint()).contains(EMULATOR);
            assertThat(clients.region()).isEqualTo(Region.EU_WEST_1);
            assertThat(clients.dynamoDb().serviceClientConfiguration().endpointOverride()).contains(EMULATOR);
            assertThat(clients.streams().serviceClientConfiguration().endpointOverride()).contains(EMULATOR);
            assertThat(sns.serviceClientConfiguration().endpointOverride()).contains(EMULATOR);
            assertThat(sns.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
    }

    @Test
    void shouldUseTheLocalRegionWhenNoRegionIsGiven() {
        try (MonitorClients clients = MonitorClients.local(EMULATOR)) {
            assertThat(clients.region()).isEqualTo(MonitorClients.LOCAL_REGION);
        }
    }

    @Test
    void shouldTurnKclMetricsOffWhenTheClientsAreAnEmulatorsWhateverTheConfigSays() {
        // GIVEN a config asking for DETAILED KCL metrics
        MonitorConfig config = MonitorConfig.builder(ARN).workerId("w")
                .kclMetricsLevel(MonitorConfig.KclMetricsLevel.DETAILED).build();
        try (MonitorClients emulator = MonitorClients.local(EMULATOR)) {
            // WHEN the KCL options are derived for emulator clients  THEN KCL publishes nothing
            assertThat(HotKeyMonitor.kclOptions(config, emulator).metricsLevel()).isEqualTo(MetricsLevel.NONE);
        }
    }

    @Test
    void shouldKeepTheConfiguredKclMetricsWhenTheClientsAreNotAnEmulators() {
        MonitorConfig config = MonitorConfig.builder(ARN).workerId("w")
                .kclMetricsLevel(MonitorConfig.KclMetricsLevel.DETAILED).build();
        try (MonitorClients emulator = MonitorClients.local(EMULATOR)) {
            // clients for AWS: the same clients without the emulator mark
            MonitorClients aws = new MonitorClients(emulator.streams(), emulator.dynamoDb(), emulator.cloudWatch(),
                    Region.US_EAST_1);
            assertThat(aws.isEmulator()).isFalse();
            assertThat(HotKeyMonitor.kclOptions(config, aws).metricsLevel()).isEqualTo(MetricsLevel.DETAILED);
        }
    }
}
