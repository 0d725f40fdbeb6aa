/**
 * The batch engine and its service-provider interface: runs one stream batch through a topology into named
 * {@link dev.streampipe.core.batch.Sink}s, concurrently, and turns the outcome into Lambda's partial-batch response
 * (the earliest failed record's sequence number, never an empty identifier). Failures are told apart by type:
 * retryable ({@link dev.streampipe.core.batch.RetryableSinkException}), permanent per (record, route) (poison,
 * dead-lettered for that route only), and anything else, which fails the batch
 * ({@link dev.streampipe.core.batch.UnexpectedFailureException}). The engine itself puts ledgered routes' sinks
 * behind the {@link dev.streampipe.core.batch.EffectLedger}, so non-idempotent effects are not repeated on
 * redelivery.
 *
 * <p>This package holds what a user writes against (sinks, the dead-letter sink, the ledger, messages, failures,
 * retry tools) and what the engine returns; how the engine delivers is in {@code dev.streampipe.core.batch.internal}.
 */
package dev.streampipe.core.batch;
