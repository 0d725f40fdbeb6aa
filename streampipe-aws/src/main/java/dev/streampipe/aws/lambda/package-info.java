/**
 * The Lambda runtime that runs any topology: {@link dev.streampipe.aws.lambda.StreamRuntime} (one invocation:
 * decode, batch engine, partial batch response, summary and EMF lines; SnapStart priming; from the event's bytes or
 * from the Lambda events library's {@code DynamodbEvent}), {@link dev.streampipe.aws.lambda.StreamHandler} (a
 * {@code RequestHandler<DynamodbEvent, StreamsEventResponse>} running an app), the
 * {@link dev.streampipe.aws.lambda.StreamEnvironment} a {@link dev.streampipe.aws.lambda.StreamApp} assembles it from
 * ({@link dev.streampipe.aws.lambda.RuntimeSettings}, {@link dev.streampipe.aws.lambda.AwsClients},
 * {@link dev.streampipe.aws.lambda.AwsSinks}), and {@link dev.streampipe.aws.lambda.EmfMetrics}.
 */
package dev.streampipe.aws.lambda;
