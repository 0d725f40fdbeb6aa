package dev.streampipe.check;

import java.util.Objects;

/**
 * Which stream a reader reads, as far as the template tells.
 *
 * @param kind        what the source is
 * @param key         readers with equal keys read the same stream: the table's logical id when the template
 *                    declares it, else the table's name, else {@code parameter P} for an ARN every reader takes
 *                    from the same parameter; unique per reader when nothing is known
 * @param description human words for where the ARN comes from, e.g. {@code !GetAtt Orders.StreamArn}
 */
public record StreamSource(Kind kind, String key, String description) {

    /** What a stream source turned out to be. */
    public enum Kind {
        /** A DynamoDB table's stream, the table known by logical id or name. */
        TABLE,
        /** A Kinesis data stream (not a DynamoDB stream: not counted by these rules). */
        KINESIS,
        /** Not resolvable from the template (another stack, a parameter without default, a condition...). */
        UNRESOLVED
    }

    public StreamSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
    }

    public boolean resolved() {
        return kind == Kind.TABLE;
    }
}
