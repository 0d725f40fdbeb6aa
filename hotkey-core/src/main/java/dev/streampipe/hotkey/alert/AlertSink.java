package dev.streampipe.hotkey.alert;

import java.util.List;

/**
 * Where the engine's findings go: CloudWatch and SNS in AWS (the monitor's {@code AwsAlertSink}), a file locally
 * (its {@code FileAlertSink}), the log, EMF lines or a warning line (the client detector), or several
 * ({@link AlertSinks#fanOut}).
 *
 * <p>Called from the single thread running {@link AlertLoop#tick()}, never concurrently. A method that throws
 * loses only that publication: the loop logs it, counts it and carries on with the next tick.
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
