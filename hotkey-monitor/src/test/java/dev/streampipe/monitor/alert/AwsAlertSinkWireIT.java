package dev.streampipe.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.alert.KeyAlert;
import dev.streampipe.hotkey.alert.KeyReport;
import dev.streampipe.hotkey.alert.TableSnapshot;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The real SDK clients against a loopback endpoint: what goes on the wire for PutMetricData (Smithy
 * RPCv2 CBOR in this SDK) and SNS Publish (query protocol).
 */
class AwsAlertSinkWireIT {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:hot-keys";

    private static LoopbackEndpoint.Response cborOk() {
        return new LoopbackEndpoint.Response(200,
                Map.of("Content-Type", "application/cbor", "smithy-protocol", "rpc-v2-cbor"), new byte[] {(byte) 0xa0});
    }

    private static LoopbackEndpoint.Response snsOk() {
        String xml = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                + "<MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId>"
                + "</ResponseMetadata></PublishResponse>";
        return new LoopbackEndpoint.Response(200, Map.of("Content-Type", "text/xml"), xml.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyAlert alert() {
        AlertTransition t = new AlertTransition("sessions", "SESSION#42", KeyState.OK, KeyState.HOT, 2_100, 700,
                Threshold.ofWcu(800), Instant.parse("2026-11-23T12:00:05Z"));
        return KeyAlert.of(t, 0, 0.8, List.of(new KeyReport("SESSION#42", 2_100, 700, KeyState.HOT, 3)));
    }

    @Test
    void shouldPutThreeMetricsPerTableAndPublishTheAlertWhenTalkingToAws() throws Exception {
        // GIVEN loopback CloudWatch and SNS endpoints and real clients pointed at them
        try (LoopbackEndpoint cwEndpoint = new LoopbackEndpoint(r -> cborOk());
             LoopbackEndpoint snsEndpoint = new LoopbackEndpoint(r -> snsOk());
             CloudWatchClient cloudWatch = CloudWatchClient.builder().endpointOverride(cwEndpoint.uri())
                     .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
             SnsClient sns = SnsClient.builder().endpointOverride(snsEndpoint.uri())
                     .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            AwsAlertSink sink = new AwsAlertSink(cloudWatch, sns, "streampipe/HotKeys", Optional.of(TOPIC));
            // WHEN a snapshot and an alert are published
            sink.publishMetrics(List.of(new TableSnapshot("sessions", Instant.parse("2026-11-23T12:00:05Z"),
                    1, 2_100, 2_500, List.of(), List.of())));
            sink.publishAlert(alert());

            // THEN PutMetricData carried the namespace, the table dimension and the three metrics
            LoopbackEndpoint.Request put = cwEndpoint.requests().get(0);
            assertThat(put.path()).endsWith("/operation/PutMetricData");
            JsonNode body = new CBORMapper().readTree(put.body());
            assertThat(body.get("Namespace").asText()).isEqualTo("streampipe/HotKeys");
            assertThat(body.get("MetricData")).hasSize(3);
            Map<String, Double> values = new LinkedHashMap<>();
            body.get("MetricData").forEach(d -> {
                assertThat(d.get("Dimensions").get(0).get("Name").asText()).isEqualTo("TableName");
                assertThat(d.get("Dimensions").get(0).get("Value").asText()).isEqualTo("sessions");
                values.put(d.get("MetricName").asText(), d.get("Value").asDouble());
            });
            assertThat(values).containsExactly(Map.entry("HotKeyCount", 1.0),
                    Map.entry("MaxKeyWcuPerSecond", 2_100.0), Map.entry("MaxShardWcuPerSecond", 2_500.0));

            // AND SNS Publish carried the topic, subject, JSON body and filterable attributes
            Map<String, String> form = form(snsEndpoint.requests().get(0).body());
            assertThat(form).containsEntry("Action", "Publish").containsEntry("TopicArn", TOPIC)
                    .containsEntry("Subject", "HOT key SESSION#42 in sessions: 2100.0 WCU/s");
            JsonNode message = new ObjectMapper().readTree(form.get("Message"));
            assertThat(message.get("writeShardsNeeded").asInt()).isEqualTo(3);
            assertThat(message.get("partitionLimitWcuPerSecond").asInt()).isEqualTo(1_000);
            assertThat(message.get("topKeys").get(0).get("key").asText()).isEqualTo("SESSION#42");
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
                attributes.put(form.get("MessageAttributes.entry." + i + ".Name"),
                        form.get("MessageAttributes.entry." + i + ".Value.StringValue"));
            }
            assertThat(attributes).containsOnly(Map.entry("event_type", "hot_key_alert"),
                    Map.entry("state", "HOT"), Map.entry("table", "sessions"));
        }
    }

    @Test
    void shouldPublishOnlyTheAlertWhenNoCloudWatchClientIsGiven() throws Exception {
        // GIVEN a sink with SNS but no CloudWatch client (an emulator)
        try (LoopbackEndpoint snsEndpoint = new LoopbackEndpoint(r -> snsOk());
             SnsClient sns = SnsClient.builder().endpointOverride(snsEndpoint.uri())
                     .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            AwsAlertSink sink = new AwsAlertSink(null, sns, "ns", Optional.of(TOPIC));
            // WHEN a snapshot and an alert are published
            sink.publishMetrics(List.of(new TableSnapshot("sessions", Instant.parse("2026-11-23T12:00:05Z"),
                    1, 2_100, 2_500, List.of(), List.of())));
            sink.publishAlert(alert());
            // THEN only the SNS Publish went out
            assertThat(snsEndpoint.requests()).hasSize(1);
            assertThat(form(snsEndpoint.requests().get(0).body())).containsEntry("Action", "Publish");
        }
    }

    @Test
    void shouldSurfaceTheServiceErrorWhenSnsRejectsThePublish() throws Exception {
        // GIVEN an SNS endpoint answering 403 AuthorizationError
        String error = "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code>"
                + "<Message>not allowed</Message></Error><RequestId>r-2</RequestId></ErrorResponse>";
        try (LoopbackEndpoint snsEndpoint = new LoopbackEndpoint(r -> new LoopbackEndpoint.Response(403,
                     Map.of("Content-Type", "text/xml"), error.getBytes(StandardCharsets.UTF_8)));
             LoopbackEndpoint cwEndpoint = new LoopbackEndpoint(r -> cborOk());
             CloudWatchClient cloudWatch = CloudWatchClient.builder().endpointOverride(cwEndpoint.uri())
                     .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
             SnsClient sns = SnsClient.builder().endpointOverride(snsEndpoint.uri())
                     .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            AwsAlertSink sink = new AwsAlertSink(cloudWatch, sns, "ns", Optional.of(TOPIC));
            // WHEN published  THEN the SDK's exception reaches the caller (the alert loop counts and logs it)
            assertThatThrownBy(() -> sink.publishAlert(alert()))
                    .isInstanceOf(SdkException.class).hasMessageContaining("not allowed");
        }
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
