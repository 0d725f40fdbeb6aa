package dev.streampipe.monitor.alert;

import java.util.List;

/**
 * Where the monitor's findings go: CloudWatch and SNS in AWS ({@link AwsAlertSink}), a file locally
 * ({@link FileAlertSink}), the log, or several ({@link AlertSinks#fanOut}).
 *
 * <p>Called from the monitor's single evaluation thread, never concurrently. A method that throws
 * loses only that publication: the monitor logs it, counts it and carries on with the next tick.
 */
public interface AlertSink extends AutoCloseable {

    /** Publishes one snapshot per table seen, every evaluation tick (about once a second). */
    void publishMetrics(List<TableSnapshot> snapshots);

    /** Publishes one HOT or RECOVERED transition. */
    void publishAlert(KeyAlert alert);

    /** Flushes and releases what the sink opened itself; never closes clients it was given. */
    @Override
    default void close() {
    }
}
