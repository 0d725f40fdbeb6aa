package dev.streampipe.testing.aws;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A decoded SNS or SQS message attribute value. Exactly one of {@code stringValue} / {@code binaryValue} is
 * normally set, as the services require.
 *
 * @param dataType    {@code String}, {@code Number}, {@code Binary}, {@code String.Array} or a custom
 *                    {@code <type>.<label>}
 * @param stringValue the string value, or {@code null}
 * @param binaryValue the binary value (decoded from base64), or {@code null}
 */
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    public MessageAttribute {
        binaryValue = binaryValue == null ? null : binaryValue.clone();
    }

    /** A string-typed attribute value, for building expectations. */
    public static MessageAttribute string(String value) {
        return new MessageAttribute("String", value, null);
    }

    @Override
    public byte[] binaryValue() {
        return binaryValue == null ? null : binaryValue.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageAttribute that
                && Objects.equals(dataType, that.dataType)
                && Objects.equals(stringValue, that.stringValue)
                && Arrays.equals(binaryValue, that.binaryValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, stringValue, Arrays.hashCode(binaryValue));
    }

    @Override
    public String toString() {
        String value = binaryValue == null ? stringValue : "base64:" + Base64.getEncoder().encodeToString(binaryValue);
        return dataType + "=" + value;
    }
}
