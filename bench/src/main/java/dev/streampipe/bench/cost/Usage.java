package dev.streampipe.bench.cost;

/**
 * What one design billed for one batch, metered from the calls the loopback endpoints recorded.
 *
 * @param design         the design's name
 * @param records        stream records in the batch
 * @param invocationNanos measured wall time of the batch's one router invocation (what Lambda bills as duration)
 * @param summaryInvokes asynchronous Invoke calls of the summary function (each one Lambda request)
 * @param firehose       Firehose calls, records, record bytes and billed bytes (5 KB increments)
 * @param sns            SNS calls, messages, bytes and billed requests
 * @param eventBridge    PutEvents calls, entries, bytes and billed events
 * @param sqs            SQS calls, messages, bytes and billed requests (dead letters)
 * @param ledger         the effect-ledger table's calls and request units
 * @param idempotency    the idempotency table's calls and request units
 * @param logs           log lines (as entries) and bytes written to standard output, i.e. CloudWatch Logs
 */
public record Usage(String design, int records, long invocationNanos, Api summaryInvokes, Api firehose, Api sns,
                    Api eventBridge, Api sqs, Table ledger, Table idempotency, Api logs) {

    /** The same usage with another invocation duration (e.g. a modelled one instead of the measured one). */
    public Usage withInvocationNanos(long nanos) {
        return new Usage(design, records, nanos, summaryInvokes, firehose, sns, eventBridge, sqs, ledger, idempotency,
                logs);
    }

    /** Every API call of the batch, DynamoDB's included. */
    public long calls() {
        return summaryInvokes.calls() + firehose.calls() + sns.calls() + eventBridge.calls() + sqs.calls()
                + ledger.calls() + idempotency.calls();
    }

    /** Lambda's billed milliseconds for the batch's invocation. */
    public long billedMillis() {
        return Billing.lambdaBilledMillis(invocationNanos);
    }

    /**
     * One API's traffic.
     *
     * @param calls         API calls
     * @param entries       records, messages, events or invocations across the calls
     * @param bytes         payload bytes as the service counts them
     * @param billed        billable units: bytes for Firehose, requests or events elsewhere
     * @param maxEntryBytes the largest single entry
     */
    public record Api(long calls, long entries, long bytes, long billed, long maxEntryBytes) {
        public static final Api NONE = new Api(0, 0, 0, 0, 0);

        Api plus(long entryBytes, long billedUnits) {
            return new Api(calls, entries + 1, bytes + entryBytes, billed + billedUnits,
                    Math.max(maxEntryBytes, entryBytes));
        }

        Api call() {
            return new Api(calls + 1, entries, bytes, billed, maxEntryBytes);
        }
    }

    /**
     * One DynamoDB table's traffic.
     *
     * @param calls      API calls
     * @param writes     items written (puts and updates, batch items counted one by one)
     * @param writeUnits write request units
     * @param reads      items read (batch keys counted one by one, absent items included)
     * @param readUnits  read request units
     */
    public record Table(long calls, long writes, long writeUnits, long reads, double readUnits) {
        public static final Table NONE = new Table(0, 0, 0, 0, 0);

        Table write(long units) {
            return new Table(calls, writes + 1, writeUnits + units, reads, readUnits);
        }

        Table read(double units) {
            return new Table(calls, writes, writeUnits, reads + 1, readUnits + units);
        }

        Table call() {
            return new Table(calls + 1, writes, writeUnits, reads, readUnits);
        }
    }
}
