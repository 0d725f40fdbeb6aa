package dev.streampipe.system.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Something in the template that reads a DynamoDB or Kinesis stream.
 *
 * @param stream   the stream's identity: the logical id of the table whose {@code StreamArn} is read, else the
 *                 parameter or literal the ARN comes from
 * @param readerId logical id of the reader (SAM event sources: {@code Function.EventName})
 * @param kind     how it reads
 * @param settings the mapping's properties ({@code FunctionResponseTypes}, ...) or, for a service, the
 *                 container's environment as an object
 * @param functionId logical id of the function a mapping invokes; empty for pipes and services
 * @param source   the stream ARN expression as written (long form), for resolving it further
 */
public record StreamReader(String stream, String readerId, Kind kind, JsonNode settings, String functionId,
                           JsonNode source) {

    /** How a reader consumes the stream. */
    public enum Kind {
        /** Lambda event source mapping (SAM DynamoDB/Kinesis event or AWS::Lambda::EventSourceMapping). */
        EVENT_SOURCE_MAPPING,
        /** AWS::Pipes::Pipe. */
        PIPE,
        /** A long-running ECS service whose container gets the stream ARN (one KCL application). */
        SERVICE
    }

    public StreamReader {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(readerId, "readerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(functionId, "functionId");
        Objects.requireNonNull(source, "source");
    }
}
