/** JMH: the client-side hot-key interceptor's cost per DynamoDB call against the same call without it. */
package dev.streampipe.bench.client;
