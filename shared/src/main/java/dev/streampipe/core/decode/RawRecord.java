package dev.streampipe.core.decode;

import java.nio.charset.StandardCharsets;

/**
 * The exact JSON text of one record as it arrived, kept as a slice of the batch's bytes (no copy until asked),
 * so a dead letter carries the record verbatim.
 */
public final class RawRecord {
    private final byte[] source;
    private final int start;
    private final int end;

    RawRecord(byte[] source, int start, int end) {
        if (start < 0 || end < start || end > source.length) {
            throw new IllegalArgumentException("bad slice [" + start + ", " + end + ") of " + source.length + " bytes");
        }
        this.source = source;
        this.start = start;
        this.end = end;
    }

    public static RawRecord of(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new RawRecord(bytes, 0, bytes.length);
    }

    public int length() {
        return end - start;
    }

    public byte[] toBytes() {
        byte[] copy = new byte[end - start];
        System.arraycopy(source, start, copy, 0, copy.length);
        return copy;
    }

    public String json() {
        return new String(source, start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RawRecord[" + length() + " bytes]";
    }
}
