/**
 * The immutable change-record model: one DynamoDB stream change, its keys and images, in our own types.
 *
 * <p>Nothing here knows about Lambda events or SDK classes; decoders at the edge convert into these types once.
 */
package dev.streampipe.core.record;
