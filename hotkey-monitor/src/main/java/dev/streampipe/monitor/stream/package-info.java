/**
 * From stream records to engine writes: the KCL shard processor (counting and checkpointing), the
 * extraction of the partition key and billed item size from the DynamoDB record the adapter wraps,
 * and the SDK-attribute-value item size.
 */
package dev.streampipe.monitor.stream;
