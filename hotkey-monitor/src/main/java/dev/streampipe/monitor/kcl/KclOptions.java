package dev.streampipe.monitor.kcl;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * What {@link KclScheduler} needs besides clients.
 *
 * @param streamArn            the table's stream ARN
 * @param applicationName      KCL application name (the lease table's name)
 * @param workerId             this worker's id
 * @param initialPosition      LATEST or TRIM_HORIZON for shards without a checkpoint
 * @param idleTimeBetweenReads a shard poller's pause after an empty read
 * @param failoverTime         lease duration; lease assignment runs every half of it
 * @param metricsLevel         KCL's own metrics (NONE publishes nothing)
 * @param region               region given to the adapter
 */
public record KclOptions(String streamArn, String applicationName, String workerId,
                         InitialPositionInStream initialPosition, Duration idleTimeBetweenReads,
                         Duration failoverTime, MetricsLevel metricsLevel, Region region) {

    public KclOptions {
        Objects.requireNonNull(streamArn, "streamArn");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(initialPosition, "initialPosition");
        Objects.requireNonNull(idleTimeBetweenReads, "idleTimeBetweenReads");
        Objects.requireNonNull(failoverTime, "failoverTime");
        Objects.requireNonNull(metricsLevel, "metricsLevel");
        Objects.requireNonNull(region, "region");
        if (initialPosition == InitialPositionInStream.AT_TIMESTAMP) {
            throw new IllegalArgumentException("initialPosition must be LATEST or TRIM_HORIZON, was AT_TIMESTAMP");
        }
    }
}
