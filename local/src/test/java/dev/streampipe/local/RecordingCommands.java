package dev.streampipe.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands that start nothing: each call is recorded, prints {@link #prints} (if set) on the output, and answers
 * {@link #exit}, or throws {@link #failure}.
 */
final class RecordingCommands implements Commands {
    final List<Object> started = new ArrayList<>();
    int exit = StreampipeLocal.EXIT_OK;
    RuntimeException failure;
    String prints;

    @Override
    public int run(RunOptions options, PrintStream out) {
        return started(options, out);
    }

    @Override
    public int replay(List<Path> files, PrintStream out, PrintStream err) {
        return started(List.copyOf(files), out);
    }

    @Override
    public int redrive(RedriveOptions options, PrintStream out) {
        return started(options, out);
    }

    @Override
    public int check(String[] args, PrintStream out, PrintStream err) {
        return started(List.of(args), out);
    }

    private int started(Object what, PrintStream out) {
        started.add(what);
        if (prints != null) {
            out.println(prints);
        }
        if (failure != null) {
            throw failure;
        }
        return exit;
    }
}
