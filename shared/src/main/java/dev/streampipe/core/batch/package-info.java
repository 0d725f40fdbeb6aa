/**
 * The batch engine: runs one stream batch through a topology into named sinks, concurrently, and turns the
 * outcome into Lambda's partial-batch response (the earliest failed record's sequence number, never an empty
 * identifier). Poison records go to a dead-letter sink; non-idempotent effects go through an effect ledger.
 */
package dev.streampipe.core.batch;
