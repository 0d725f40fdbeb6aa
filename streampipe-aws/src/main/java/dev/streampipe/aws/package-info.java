/**
 * Thin adapters from the batch engine's sinks, dead-letter sink and effect ledger to AWS services (Firehose, SNS,
 * EventBridge, Lambda, SQS, DynamoDB) over the SDK v2. Each batches at its API's limits, sends chunks concurrently
 * up to a bound, and retries only the entries the service reports failed.
 */
package dev.streampipe.aws;
