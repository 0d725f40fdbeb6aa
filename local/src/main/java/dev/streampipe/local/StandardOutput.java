package dev.streampipe.local;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a command's results go, and the check that they got there. A {@link PrintStream} swallows write failures
 * (a full disk, a closed pipe) and only raises a flag ({@link PrintStream#checkError}); {@link #requireWritten}
 * turns that flag into an {@link EnvironmentException} naming what was lost and, for a stream from {@link #open},
 * the operating system's reason.
 */
final class StandardOutput {
    private StandardOutput() {
    }

    /** The process's standard output: UTF-8, flushed at each line, its first write failure kept. */
    static PrintStream open() {
        return open(new FileOutputStream(FileDescriptor.out));
    }

    /** {@code raw} as a command's output, as {@link #open()} does for the standard output. */
    static PrintStream open(OutputStream raw) {
        Watched watched = new Watched(raw);
        return new Printer(watched);
    }

    /**
     * Throws when anything written to {@code out} so far failed; {@code what} says what was lost, e.g.
     * {@code "the replay of events/x.json"}.
     */
    static void requireWritten(PrintStream out, String what) {
        if (out.checkError()) {
            IOException cause = out instanceof Printer p ? p.watched.failure : null;
            throw new EnvironmentException("cannot write " + what + " to the standard output: "
                    + (cause == null ? "the stream reported an error" : cause.getMessage()), cause);
        }
    }

    private static final class Printer extends PrintStream {
        private final Watched watched;

        Printer(Watched watched) {
            super(new BufferedOutputStream(watched), true, StandardCharsets.UTF_8);
            this.watched = watched;
        }
    }

    /** Passes every write through and keeps the first failure; a PrintStream then raises its flag as usual. */
    private static final class Watched extends OutputStream {
        private final OutputStream out;
        private volatile IOException failure;

        Watched(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw kept(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw kept(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw kept(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        private IOException kept(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
