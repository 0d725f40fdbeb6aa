/**
 * A loopback AWS endpoint for tests: one HTTP server on {@code 127.0.0.1} that real AWS SDK v2 clients
 * talk to, which decodes each service's wire protocol into recorded requests and answers like the service.
 *
 * <p>Covered: Firehose {@code PutRecordBatch} (JSON 1.1), EventBridge {@code PutEvents} (JSON 1.1), SNS
 * {@code Publish}/{@code PublishBatch} (query protocol, XML answers), SQS {@code SendMessage}/{@code
 * SendMessageBatch} (JSON 1.0, query-compatible errors, real MD5 digests), Lambda {@code Invoke} (REST-JSON),
 * CloudWatch {@code PutMetricData} (Smithy RPCv2 CBOR, gzip request compression) and Bedrock Runtime
 * {@code Converse} (REST-JSON). DynamoDB is not here: tests run it on moto (MotoExtension).
 *
 * <p>Each service has a stub ({@link dev.streampipe.testing.aws.FirehoseStub} and siblings) that records
 * calls and injects faults: whole-call throttling or errors for N calls, per-entry failures by position or by
 * a predicate on the decoded entry for N attempts, and fixed latency. Start it with
 * {@link dev.streampipe.testing.aws.LoopbackAws#start()} or the JUnit 5
 * {@link dev.streampipe.testing.aws.LoopbackAwsExtension}; build clients pointed at it with
 * {@link dev.streampipe.testing.aws.LoopbackAws#client}. Protocol codecs are package-private, one per protocol.
 * Shipped in {@code streampipe-test-aws}, which brings the Jackson modules the codecs need.
 */
package dev.streampipe.testing.aws;
