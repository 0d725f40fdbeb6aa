package dev.streampipe.summary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Turn content stored as binary: UTF-8 text compressed with zlib (RFC 1950, i.e. {@code Deflater} with
 * its default wrapper, Python's {@code zlib.compress}).
 */
public final class CompressedText {

    /** Decompressed size limit; a turn item is at most 400 KB, so more means a corrupt or hostile value. */
    public static final int MAX_INFLATED_BYTES = 8 * 1024 * 1024;

    private CompressedText() {
    }

    /**
     * Inflates and decodes zlib-compressed UTF-8.
     *
     * @throws IllegalArgumentException saying why when the bytes are not zlib data, are truncated, have
     *                                  trailing bytes, inflate beyond {@value #MAX_INFLATED_BYTES} bytes,
     *                                  or are not valid UTF-8
     */
    public static String inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, compressed.length * 3));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished()) {
                    throw new IllegalArgumentException(inflater.needsDictionary()
                            ? "zlib data needs a preset dictionary"
                            : "zlib data is truncated after " + compressed.length + " bytes");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED_BYTES) {
                    throw new IllegalArgumentException("zlib data inflates beyond " + MAX_INFLATED_BYTES + " bytes");
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new IllegalArgumentException(inflater.getRemaining() + " bytes follow the zlib stream");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not zlib data: " + e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("inflated bytes are not UTF-8: " + e, e);
        } finally {
            inflater.end();
        }
    }

    /** Compresses text the way {@link #inflate} expects (UTF-8, zlib); for writers and tests. */
    public static byte[] deflate(String text) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
