package dev.streampipe.testing.aws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns for a sent message ({@code MD5OfMessageBody}, {@code MD5OfMessageAttributes}).
 * The SDK checks both against its own computation and fails the call on a mismatch, so they must be exact:
 * attributes sorted by name, each as length-prefixed name, length-prefixed data type, a transport marker
 * (1 string, 2 binary) and the length-prefixed value.
 */
final class SqsDigests {

    private static final byte STRING_MARKER = 1;
    private static final byte BINARY_MARKER = 2;

    private SqsDigests() {
    }

    static String ofBody(String body) {
        MessageDigest md5 = md5();
        md5.update(body.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The attributes digest, or {@code null} when there are no attributes (SQS then omits the field). */
    static String ofAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        MessageDigest md5 = md5();
        new TreeMap<>(attributes).forEach((name, value) -> {
            lengthPrefixed(md5, name.getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(md5, value.dataType().getBytes(StandardCharsets.UTF_8));
            if (value.stringValue() != null) {
                md5.update(STRING_MARKER);
                lengthPrefixed(md5, value.stringValue().getBytes(StandardCharsets.UTF_8));
            } else if (value.binaryValue() != null) {
                md5.update(BINARY_MARKER);
                lengthPrefixed(md5, value.binaryValue());
            }
        });
        return HexFormat.of().formatHex(md5.digest());
    }

    private static void lengthPrefixed(MessageDigest md5, byte[] bytes) {
        md5.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        md5.update(bytes);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
