package dev.streampipe.monitor.kcl;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import java.time.Duration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ProcessorConfig;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.processor.StreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * Builds a KCL 3 {@link Scheduler} on a DynamoDB stream through the Kinesis adapter, ready to run.
 *
 * <p>Clients are passed in (KCL style) and never closed here. KCL publishes its own metrics at
 * {@link KclOptions#metricsLevel()}; at NONE it publishes none and never calls the CloudWatch client.
 * Timings are set before the scheduler is built, scaled by the failover time (short shard-sync sleep,
 * lease assignment every half failover time, worker-metrics captures and the scheduler's dispatch loop at
 * a tenth of it, at most their 1 s defaults), the configured idle time between reads, and processors
 * called on empty reads so they can checkpoint on time. {@link LeaseBootstrap} has run when this returns.
 */
public final class KclScheduler {

    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_RECORDS_PER_READ = 1_000;

    private KclScheduler() {
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    /** Bootstraps the lease table and returns a scheduler that has not started. */
    public static Scheduler build(KclOptions options, DynamoDbStreamsClient streams, DynamoDbAsyncClient dynamoDb,
                                  CloudWatchAsyncClient cloudWatch, ShardRecordProcessorFactory processors) {
        AmazonDynamoDBStreamsAdapterClient adapter = new AmazonDynamoDBStreamsAdapterClient(streams, options.region());

        StreamTracker tracker = StreamsSchedulerFactory.createSingleStreamTracker(
                options.streamArn(), InitialPositionInStreamExtended.newInitialPosition(options.initialPosition()));
        ConfigsBuilder configs = new ConfigsBuilder(tracker, options.applicationName(), adapter, dynamoDb, cloudWatch,
                options.workerId(), processors);

        long failoverMillis = options.failoverTime().toMillis();
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .failoverTimeMillis(failoverMillis)
                .leaseAssignmentIntervalMillis(Math.max(500, failoverMillis / 2))
                .shardSyncIntervalMillis(0)
                .leasesRecoveryAuditorInconsistencyConfidenceThreshold(0); // the adapter tracks no holes
        // The leader assigns leases only to workers that reported metrics; the first report comes
        // after two captures, so short failover times want short captures.
        leases.workerUtilizationAwareAssignmentConfig()
                .inMemoryWorkerMetricsCaptureFrequencyMillis(clamp(failoverMillis / 8, 100, 1_000));
        CoordinatorConfig coordinator = configs.coordinatorConfig()
                .skipShardSyncAtWorkerInitializationIfLeasesExist(true)
                .parentShardPollIntervalMillis(Math.min(10_000, failoverMillis))
                .shardConsumerDispatchPollIntervalMillis(clamp(failoverMillis / 10, 100, 1_000));
        RetrievalConfig retrieval = configs.retrievalConfig().retrievalSpecificConfig(
                new DynamoDBStreamsPollingConfig(adapter)
                        .idleTimeBetweenReadsInMillis(options.idleTimeBetweenReads().toMillis())
                        .maxRecords(MAX_RECORDS_PER_READ));
        MetricsLevel level = options.metricsLevel();
        MetricsConfig metrics = configs.metricsConfig().metricsLevel(level);
        if (level == MetricsLevel.NONE) {
            metrics.metricsFactory(new NullMetricsFactory());
        }
        ProcessorConfig processor = configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true);

        LeaseBootstrap.run(adapter, leases, retrieval, tracker.streamConfigList().get(0), BOOTSTRAP_TIMEOUT);
        return StreamsSchedulerFactory.createScheduler(configs.checkpointConfig(), coordinator, leases,
                configs.lifecycleConfig(), metrics, processor, retrieval, adapter);
    }
}
