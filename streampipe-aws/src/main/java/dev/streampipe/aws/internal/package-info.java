/**
 * The machinery behind the AWS sinks, not a user's API: {@link dev.streampipe.aws.internal.SenderFactory} and
 * {@link dev.streampipe.aws.internal.ChunkedSender} (chunking at an API's {@link dev.streampipe.aws.internal.BatchLimits}
 * with {@link dev.streampipe.aws.internal.Chunker}, concurrent calls, per-entry retries, per-key order),
 * {@link dev.streampipe.aws.internal.AwsErrors} (retryable or permanent) and {@link dev.streampipe.aws.internal.Utf8}.
 * The sinks in {@code dev.streampipe.aws} and the runtime in {@code dev.streampipe.aws.lambda} use it; a function
 * gets its sinks from {@code AwsSinks} and never calls it. Anything here may change without notice.
 */
package dev.streampipe.aws.internal;
