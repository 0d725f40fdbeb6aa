/**
 * KCL plumbing: building the scheduler with the DynamoDB Streams Kinesis adapter, preparing the lease
 * table before it starts, and what DynamoDB Local additionally needs (ARN region rewriting).
 */
package dev.streampipe.monitor.kcl;
