/**
 * Test fixtures every module's tests use, shipped in {@code streampipe-test-utils} (add it at test scope; it needs
 * nothing but {@code streampipe-shared}): {@link dev.streampipe.testing.PipelineTestDriver} runs a topology
 * synchronously with in-memory sinks and a hand-moved clock, in the spirit of Kafka Streams' TopologyTestDriver.
 */
package dev.streampipe.testing;
