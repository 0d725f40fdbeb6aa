/** Decode + route throughput: our streaming decoder against the Lambda runtime's event classes plus a conversion. */
package dev.streampipe.bench.decode;
