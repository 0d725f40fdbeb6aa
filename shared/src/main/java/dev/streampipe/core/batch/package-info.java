/**
 * The batch engine: runs one stream batch through a topology into named sinks, concurrently, and turns the
 * outcome into Lambda's partial-batch response (the earliest failed record's sequence number, never an empty
 * identifier). Failures are told apart by type: retryable ({@link dev.streampipe.core.batch.RetryableSinkException}),
 * permanent per (record, route) (poison, dead-lettered for that route only), and anything else, which fails the batch
 * ({@link dev.streampipe.core.batch.UnexpectedFailureException}). The engine itself puts ledgered routes' sinks
 * behind the effect ledger, so non-idempotent effects are not repeated on redelivery.
 */
package dev.streampipe.core.batch;
