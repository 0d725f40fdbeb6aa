package dev.streampipe.check.internal;

/** A template that is not valid CloudFormation YAML (syntax, unknown tag, duplicate key, alias). */
public final class CfnYamlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CfnYamlException(String message) {
        super(message);
    }

    public CfnYamlException(String message, Throwable cause) {
        super(message, cause);
    }
}
