package dev.streampipe.summary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The invoke payload's text: at most a bound of bytes, strictly UTF-8 (as JSON between systems must be), with no
 * NUL byte (a UTF-16 or UTF-32 payload has them), a leading UTF-8 byte-order mark ignored.
 */
final class PayloadText {
    private PayloadText() {
    }

    /**
     * @throws PermanentSummaryException if the payload is larger than {@code maxBytes} or not UTF-8 text
     * @throws IOException               if the stream cannot be read
     */
    static String read(InputStream in, int maxBytes) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new PermanentSummaryException("summary request is larger than " + maxBytes + " bytes");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new PermanentSummaryException("summary request must be UTF-8 JSON, has a NUL byte at " + i
                        + " (UTF-16 or UTF-32?)");
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer source = ByteBuffer.wrap(bytes);
        CharBuffer text = CharBuffer.allocate(bytes.length);
        CoderResult result = utf8.decode(source, text, true);
        if (result.isError()) {
            throw new PermanentSummaryException("summary request must be UTF-8 JSON, byte " + source.position()
                    + " is not valid UTF-8" + (source.position() == 0 && bytes.length > 1 && (bytes[0] & 0xFF) >= 0xFE
                    ? " (a UTF-16 byte-order mark?)" : ""));
        }
        utf8.flush(text);
        String decoded = text.flip().toString();
        return decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
    }
}
