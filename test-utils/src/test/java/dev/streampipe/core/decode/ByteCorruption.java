package dev.streampipe.core.decode;

import java.io.ByteArrayOutputStream;

/**
 * Test helper for the decoder fuzz test: one byte-level damage to an event. {@code kind} picks what (0 flip a bit,
 * 1 overwrite a byte, 2 delete a run, 3 insert a run, 4 duplicate a run, 5 truncate, else insert a JSON
 * structural character); {@code position} is taken modulo the length; {@code value} is a byte value; {@code
 * length} a run length.
 */
record ByteCorruption(int kind, int position, int value, int length) {
    private static final String STRUCTURAL = "{}[]:,\"\\0-e.";

    byte[] applyTo(byte[] in) {
        if (in.length == 0) {
            return new byte[] {(byte) value};
        }
        int at = position % in.length;
        int run = Math.min(length, in.length - at);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + length);
        switch (kind) {
            case 0 -> {
                byte[] copy = in.clone();
                copy[at] ^= (byte) (1 << (value % 8));
                return copy;
            }
            case 1 -> {
                byte[] copy = in.clone();
                copy[at] = (byte) value;
                return copy;
            }
            case 2 -> {
                out.write(in, 0, at);
                out.write(in, at + run, in.length - at - run);
            }
            case 3 -> {
                out.write(in, 0, at);
                for (int i = 0; i < length; i++) {
                    out.write(value);
                }
                out.write(in, at, in.length - at);
            }
            case 4 -> {
                out.write(in, 0, at + run);
                out.write(in, at, in.length - at);
            }
            case 5 -> out.write(in, 0, at);
            default -> {
                out.write(in, 0, at);
                out.write(STRUCTURAL.charAt(value % STRUCTURAL.length()));
                out.write(in, at, in.length - at);
            }
        }
        return out.toByteArray();
    }
}
