package dev.streampipe.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One DynamoDB request as the loopback endpoint decoded it.
 *
 * @param operation operation name, e.g. {@code GetItem}
 * @param request   the request body, in DynamoDB's JSON (attribute values as {@code {"S": ..}})
 */
public record DynamoDbCall(String operation, JsonNode request) {

    public DynamoDbCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(request, "request");
    }

    /** The request's {@code TableName}, or {@code null} for multi-table operations. */
    public String tableName() {
        return JsonProtocol.text(request, "TableName");
    }
}
