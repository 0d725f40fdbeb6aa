package dev.streampipe.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.kinesis.metrics.MetricsLevel;

/** Builds clients once per class (closing async clients takes seconds); no request is sent. */
class MonitorClientsTest {

    private static final URI EMULATOR = URI.create("http://127.0.0.1:45678");
    private static final String ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/sessions/stream/2026-01-01T00:00:00.000";

    private static MonitorClients emulatorClients;

    @BeforeAll
    static void buildClients() {
        emulatorClients = MonitorClients.local(EMULATOR, Region.EU_WEST_1);
    }

    @AfterAll
    static void closeClients() {
        emulatorClients.close();
    }

    @Test
    void shouldPointEveryClientIncludingSnsAtTheEmulatorWhenBuiltForAnEndpoint() {
        // GIVEN clients for an emulator endpoint in the stream's region
        MonitorClients clients = emulatorClients;
        // WHEN an SNS client is made beside them
        try (SnsClient sns = clients.newSnsClient()) {
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
    void shouldTurnKclMetricsOffWhateverTheConfigSaysWhenTheClientsPointAtAnEmulator() {
        // GIVEN a config asking for DETAILED KCL metrics
        MonitorConfig config = MonitorConfig.builder(ARN).workerId("w")
                .kclMetricsLevel(MonitorConfig.KclMetricsLevel.DETAILED).build();
        // WHEN the KCL options are derived for emulator clients  THEN KCL publishes nothing
        assertThat(HotKeyMonitor.kclOptions(config, emulatorClients).metricsLevel()).isEqualTo(MetricsLevel.NONE);
    }

    @Test
    void shouldKeepTheConfiguredKclMetricsWhenTheClientsAreForAws() {
        // GIVEN a config asking for DETAILED KCL metrics
        MonitorConfig config = MonitorConfig.builder(ARN).workerId("w")
                .kclMetricsLevel(MonitorConfig.KclMetricsLevel.DETAILED).build();
        // AND clients for AWS: the same clients without the emulator mark (not closed: they are the class's)
        MonitorClients aws = new MonitorClients(emulatorClients.streams(), emulatorClients.dynamoDb(),
                emulatorClients.cloudWatch(), Region.EU_WEST_1);
        // WHEN the KCL options are derived  THEN the configured level stands
        assertThat(aws.isEmulator()).isFalse();
        assertThat(HotKeyMonitor.kclOptions(config, aws).metricsLevel()).isEqualTo(MetricsLevel.DETAILED);
    }
}
