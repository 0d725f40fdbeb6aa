/**
 * Decoding at the edge: the Lambda DynamoDB Streams event JSON into {@link dev.streampipe.core.record.ChangeRecord}s,
 * in one streaming pass, with one clear error per malformed record and the rest of the batch intact.
 */
package dev.streampipe.core.decode;
