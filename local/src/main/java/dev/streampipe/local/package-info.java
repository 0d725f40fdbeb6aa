/**
 * The main job: the whole streampipe pipeline on one machine, on the AWS wiring against moto — template.yaml's
 * resources created in the emulator ({@link dev.streampipe.local.aws}), a workload with a hot session, an emulation
 * of Lambda's DynamoDB event source mapping driving the router with its real SDK sinks, the summary handler behind
 * the Lambda Invoke API, the KCL hot-key monitor on the same stream — plus {@code replay} of sample events.
 */
package dev.streampipe.local;
