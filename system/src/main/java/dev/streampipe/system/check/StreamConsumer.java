package dev.streampipe.system.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One reader of a DynamoDB stream: from the template (an event source mapping, a pipe, a KCL service) or
 * declared in the config as living elsewhere.
 *
 * @param id         logical id ({@code Function.Event} for a SAM event), or the config's name for an external one
 * @param kind       how it reads
 * @param functionId the function a mapping invokes; empty otherwise
 * @param source     the stream it reads
 * @param settings   the mapping's or pipe's properties; an empty object for services and external readers
 */
public record StreamConsumer(String id, Kind kind, String functionId, StreamSource source, JsonNode settings) {

    /** How a consumer reads the stream. */
    public enum Kind {
        EVENT_SOURCE_MAPPING, PIPE, SERVICE, EXTERNAL;

        /** Lower-case words for reports. */
        public String label() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    public StreamConsumer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(functionId, "functionId");
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
