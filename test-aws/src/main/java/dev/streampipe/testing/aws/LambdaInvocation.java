package dev.streampipe.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Lambda {@code Invoke} call.
 *
 * @param functionName   the function name or ARN from the path
 * @param qualifier      the {@code Qualifier} (version or alias), or {@code null}
 * @param invocationType {@code Event}, {@code RequestResponse} (the default) or {@code DryRun}
 * @param payload        the payload bytes
 */
public record LambdaInvocation(String functionName, String qualifier, String invocationType, byte[] payload) {

    public LambdaInvocation {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload read as UTF-8 text. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LambdaInvocation that
                && Objects.equals(functionName, that.functionName)
                && Objects.equals(qualifier, that.qualifier)
                && Objects.equals(invocationType, that.invocationType)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(functionName, qualifier, invocationType, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "LambdaInvocation[" + functionName + (qualifier == null ? "" : ":" + qualifier) + ", "
                + invocationType + ", " + payloadText() + "]";
    }
}
