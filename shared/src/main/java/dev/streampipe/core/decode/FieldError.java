package dev.streampipe.core.decode;

/**
 * A semantic error in one record: the field path within the record (e.g. {@code dynamodb.Keys.PK.S}) and what is
 * wrong with it. Cheap (no stack trace, no suppression); thrown by {@link RecordReader} and {@link AttributeJson}
 * and caught per record by {@link StreamEventDecoder}, or per attribute by {@link ImageSlice}.
 */
final class FieldError extends Exception {
    private static final long serialVersionUID = 1L;
    final String field;

    FieldError(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }
}
