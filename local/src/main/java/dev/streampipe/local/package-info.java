/**
 * The main job: the whole streampipe pipeline on one machine — DynamoDB Local in-process, a workload with a hot
 * session, an emulation of Lambda's DynamoDB event source mapping driving the real router handler, the real summary
 * handler, the KCL hot-key monitor on the same stream — plus {@code replay} of sample events.
 */
package dev.streampipe.local;
