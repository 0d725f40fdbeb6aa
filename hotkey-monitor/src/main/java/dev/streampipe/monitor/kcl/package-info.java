/**
 * KCL plumbing: building the scheduler with the DynamoDB Streams Kinesis adapter and preparing the lease
 * table before it starts. The same code reads AWS and an emulator (moto, whose stream ARNs carry a real
 * region); only the clients and the metrics level differ.
 */
package dev.streampipe.monitor.kcl;
