/**
 * The main job: the whole streampipe pipeline on one machine, on the AWS wiring against moto — template.yaml's
 * resources created in the emulator ({@link dev.streampipe.local.aws}), a workload with a hot session, an emulation
 * of Lambda's DynamoDB event source mapping driving the router with its real SDK sinks, the summary handler behind
 * the Lambda Invoke API, the KCL hot-key monitor on the same stream — plus {@code replay} of sample events and
 * {@code redrive} of an on-failure queue. {@link dev.streampipe.local.StreampipeLocal} is the command line: it reads
 * and checks every argument before {@code Commands} starts anything, and gives each kind of
 * failure its exit code.
 */
package dev.streampipe.local;
