/**
 * AWS in a box: {@code template.yaml} resolved as a stack ({@link dev.streampipe.local.aws.TemplateStack}), its
 * resources created in moto ({@link dev.streampipe.local.aws.AwsInABox}), the Lambda Invoke API for functions run
 * in this JVM ({@link dev.streampipe.local.aws.LambdaService}), a Firehose endpoint with injected per-entry
 * failures ({@link dev.streampipe.local.aws.FirehoseFaults}), and reading back what the services hold
 * ({@link dev.streampipe.local.aws.ServiceContents}).
 */
package dev.streampipe.local.aws;
