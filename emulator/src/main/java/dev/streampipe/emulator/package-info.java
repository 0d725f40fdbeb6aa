/**
 * The AWS emulator this project runs on one machine: moto (Apache-2.0), started as a child process on loopback
 * by {@link dev.streampipe.emulator.MotoServer}. Used by the integration tests (through the JUnit extension of
 * {@code streampipe-test-aws}) and by the local pipeline. DynamoDB with its streams, SNS, SQS, EventBridge, Firehose and S3
 * run on it; CloudWatch (the SDK speaks CBOR, moto does not) and Lambda execution (moto needs Docker) do not.
 */
package dev.streampipe.emulator;
