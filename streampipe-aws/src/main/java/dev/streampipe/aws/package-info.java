/**
 * Thin adapters from the batch engine's sinks, dead-letter sink and effect ledger to AWS services (Firehose, SNS,
 * EventBridge, Lambda, SQS, DynamoDB) over the SDK v2. Each batches at its API's limits, sends chunks concurrently
 * up to a bound, and retries only the entries the service reports failed. A function gets them from
 * {@link dev.streampipe.aws.lambda.AwsSinks} ({@code env.sinks().firehose(..)}); the adapters' constructors take the
 * runtime's shared sender machinery, which lives in {@code dev.streampipe.aws.internal} and is not a user's API.
 */
package dev.streampipe.aws;
