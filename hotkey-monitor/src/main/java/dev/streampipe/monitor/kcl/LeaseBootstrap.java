package dev.streampipe.monitor.kcl;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.DynamoDBStreamsLeaseManagementFactory;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.common.StreamConfig;
import software.amazon.kinesis.coordinator.DeletedStreamListProvider;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseRefresher;
import software.amazon.kinesis.leases.exceptions.DependencyException;
import software.amazon.kinesis.leases.exceptions.InvalidStateException;
import software.amazon.kinesis.leases.exceptions.ProvisionedThroughputException;
import software.amazon.kinesis.lifecycle.TaskResult;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * Prepares the lease table before a KCL scheduler starts, so it starts working at once.
 *
 * <p>Left alone, a KCL 3 worker that finds an empty lease table waits a random 1–30 s (so that
 * workers starting together do not all sync shards) and then creates the lease-owner index and
 * waits for it. Doing the same steps eagerly, in order — create the lease table, create its
 * {@code LeaseOwnerToLeaseKeyIndex}, wait for both, run one shard sync when the table is empty —
 * gives the scheduler a populated table, so it skips its own sync. Every step is idempotent:
 * several workers bootstrapping at once create each lease once ({@code attribute_not_exists}).
 *
 * <p>Uses the same {@link LeaseManagementConfig} the scheduler is built from (table name, billing,
 * {@code shardSyncIntervalMillis}, which the sync task sleeps after running; keep it 0).
 */
public final class LeaseBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseBootstrap.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private LeaseBootstrap() {
    }

    /**
     * Runs the steps above.
     *
     * @param timeout how long to wait for the table and for the index to become active
     * @throws IllegalStateException when a step fails or the timeout passes; the scheduler must not start
     */
    public static void run(AmazonDynamoDBStreamsAdapterClient adapter, LeaseManagementConfig leases,
                           RetrievalConfig retrieval, StreamConfig stream, Duration timeout) {
        long t0 = System.nanoTime();
        LOG.atInfo().addKeyValue("kind", "lease_table_preparing").addKeyValue("table", leases.tableName())
                .addKeyValue("stream", stream.streamIdentifier()).log("preparing lease table");
        DynamoDBStreamsLeaseManagementFactory factory =
                new DynamoDBStreamsLeaseManagementFactory(adapter, leases, retrieval);
        DynamoDBLeaseRefresher refresher = factory.createLeaseRefresher();
        try {
            refresher.createLeaseTableIfNotExists();
            await("lease table " + leases.tableName(), timeout, () -> exists(refresher));
            refresher.createLeaseOwnerToLeaseKeyIndexIfNotExists();
            await("lease-owner index of " + leases.tableName(), timeout, () -> indexActive(refresher));
            if (refresher.isLeaseTableEmpty()) {
                TaskResult result = factory.createShardSyncTaskManager(
                        new NullMetricsFactory(), stream, new DeletedStreamListProvider()).callShardSyncTask();
                if (result.getException() != null) {
                    throw new IllegalStateException("initial shard sync of " + stream.streamIdentifier() + " failed",
                            result.getException());
                }
            }
        } catch (DependencyException | ProvisionedThroughputException | InvalidStateException e) {
            throw new IllegalStateException("lease table " + leases.tableName() + " could not be prepared", e);
        }
        LOG.atInfo().addKeyValue("kind", "lease_table_ready").addKeyValue("table", leases.tableName())
                .addKeyValue("millis", Duration.ofNanos(System.nanoTime() - t0).toMillis()).log("lease table ready");
    }

    private static boolean exists(DynamoDBLeaseRefresher refresher) {
        try {
            return refresher.leaseTableExists();
        } catch (DependencyException e) {
            throw new IllegalStateException("cannot describe the lease table", e);
        }
    }

    private static boolean indexActive(DynamoDBLeaseRefresher refresher) {
        try {
            return refresher.isLeaseOwnerToLeaseKeyIndexActive();
        } catch (DependencyException e) {
            throw new IllegalStateException("cannot describe the lease table's index", e);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not active after " + timeout);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
