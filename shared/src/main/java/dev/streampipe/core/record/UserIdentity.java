package dev.streampipe.core.record;

import java.util.Objects;

/**
 * Who made a change, when the stream says so. DynamoDB sets it only for deletions made by Time to Live:
 * {@code type = Service}, {@code principalId = dynamodb.amazonaws.com}.
 */
public record UserIdentity(String type, String principalId) {
    public static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

    public UserIdentity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(principalId, "principalId");
    }

    public boolean isTtlService() {
        return "Service".equals(type) && TTL_PRINCIPAL.equals(principalId);
    }
}
