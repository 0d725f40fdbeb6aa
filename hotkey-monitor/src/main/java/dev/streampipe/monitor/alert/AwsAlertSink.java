package dev.streampipe.monitor.alert;

import dev.streampipe.hotkey.alert.AlertMessages;
import dev.streampipe.hotkey.alert.AlertSink;
import dev.streampipe.hotkey.alert.KeyAlert;
import dev.streampipe.hotkey.alert.TableSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes snapshots with CloudWatch PutMetricData ({@link CloudWatchMetrics}) and every alert with
 * one SNS Publish: subject and JSON body from {@link AlertMessages}, message attributes
 * {@code event_type=hot_key_alert}, {@code state} and {@code table} for subscription filters.
 * Without a topic, alerts are not published here (put a logging sink beside it); without a CloudWatch
 * client, metrics are not (on an emulator: moto does not serve the SDK's CloudWatch protocol). The
 * clients are the caller's: they are not closed. SDK errors propagate (after the SDK's own retries).
 */
public final class AwsAlertSink implements AlertSink {

    /** Message attribute value of {@code event_type}. */
    public static final String EVENT_TYPE = "hot_key_alert";

    private final CloudWatchClient cloudWatch;
    private final SnsClient sns;
    private final String namespace;
    private final Optional<String> topicArn;

    /**
     * @param cloudWatch metrics client; null for no metrics
     * @param sns        SNS client; may be null when {@code topicArn} is empty
     * @param namespace  CloudWatch namespace
     * @param topicArn   SNS topic, or empty for no SNS
     */
    public AwsAlertSink(CloudWatchClient cloudWatch, SnsClient sns, String namespace, Optional<String> topicArn) {
        this.cloudWatch = cloudWatch;
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
        if (topicArn.isPresent() && sns == null) {
            throw new IllegalArgumentException("an SNS client is required with topic " + topicArn.get());
        }
        this.sns = sns;
    }

    @Override
    public void publishMetrics(List<TableSnapshot> snapshots) {
        if (cloudWatch == null) {
            return;
        }
        for (PutMetricDataRequest request : CloudWatchMetrics.requests(namespace, snapshots)) {
            cloudWatch.putMetricData(request);
        }
    }

    @Override
    public void publishAlert(KeyAlert alert) {
        topicArn.ifPresent(topic -> sns.publish(publishRequest(topic, alert)));
    }

    /** The SNS request for one alert. */
    public static PublishRequest publishRequest(String topicArn, KeyAlert alert) {
        return PublishRequest.builder()
                .topicArn(topicArn)
                .subject(AlertMessages.subject(alert))
                .message(AlertMessages.json(alert))
                .messageAttributes(Map.of(
                        "event_type", text(EVENT_TYPE),
                        "state", text(alert.state().name()),
                        "table", text(alert.table())))
                .build();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
