package dev.streampipe.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One reader of a stream: from the template (an event source mapping, a pipe, a KCL service) or declared in the
 * config as living elsewhere. {@code check} reports the readers of DynamoDB streams; the template invariants also
 * see the template's Kinesis readers.
 *
 * @param id         logical id ({@code Function.Event} for a SAM event), or the config's name for an external one
 * @param kind       how it reads
 * @param functionId the function a mapping invokes; empty otherwise
 * @param stream     the stream's identity as written: the logical id of the resource whose attribute the ARN is
 *                   ({@code Table} for {@code !GetAtt Table.StreamArn}), else the parameter or literal the ARN
 *                   comes from; the config's table for an external reader
 * @param source     the stream it reads, resolved as far as the template tells
 * @param settings   the mapping's or pipe's properties, a service container's environment as an object; an empty
 *                   object for external readers
 */
public record StreamReader(String id, Kind kind, String functionId, String stream, StreamSource source,
                           JsonNode settings) {

    /** How a reader reads the stream. */
    public enum Kind {
        /** Lambda event source mapping (SAM DynamoDB/Kinesis event or AWS::Lambda::EventSourceMapping). */
        EVENT_SOURCE_MAPPING,
        /** AWS::Pipes::Pipe. */
        PIPE,
        /** A long-running ECS service whose container gets the stream ARN (one KCL application). */
        SERVICE,
        /** Declared in the config: a reader outside the template. */
        EXTERNAL;

        /** Lower-case words for reports. */
        public String label() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    public StreamReader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(functionId, "functionId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(settings, "settings");
    }

    /** {@code stream mapping Router.Changes}, {@code pipe Audit}, ... for messages. */
    public String label() {
        return switch (kind) {
            case EVENT_SOURCE_MAPPING -> "stream mapping " + id;
            case PIPE -> "pipe " + id;
            case SERVICE -> "service " + id;
            case EXTERNAL -> "external reader " + id;
        };
    }
}
