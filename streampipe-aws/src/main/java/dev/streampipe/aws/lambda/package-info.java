/**
 * The Lambda runtime that runs any topology: {@link dev.streampipe.aws.lambda.StreamRuntime} (one invocation:
 * decode, batch engine, partial batch response, summary and EMF lines; SnapStart priming), the
 * {@link dev.streampipe.aws.lambda.StreamEnvironment} a {@link dev.streampipe.aws.lambda.StreamApp} assembles it from
 * ({@link dev.streampipe.aws.lambda.RuntimeSettings}, {@link dev.streampipe.aws.lambda.AwsClients},
 * {@link dev.streampipe.aws.lambda.AwsSinks}), and {@link dev.streampipe.aws.lambda.EmfMetrics}.
 */
package dev.streampipe.aws.lambda;
