package dev.streampipe.summary;

import dev.streampipe.core.record.Texts;
import java.io.IOException;
import java.io.InputStream;

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
        try {
            return Texts.utf8(bytes);
        } catch (Texts.NotUtf8Exception e) {
            throw new PermanentSummaryException("summary request must be UTF-8 JSON: " + e.getMessage());
        }
    }
}
