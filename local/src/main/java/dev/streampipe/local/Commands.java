package dev.streampipe.local;

import dev.streampipe.check.CheckCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * What each command starts once {@link StreampipeLocal} has read and checked its arguments: the only place that
 * touches services, processes or the output folder. A test passes a fake that records what would have started.
 * Each method returns the command's exit code or throws as {@link StreampipeLocal} documents.
 */
interface Commands {
    int run(RunOptions options, PrintStream out) throws Exception;

    int replay(List<Path> files, PrintStream out, PrintStream err);

    int redrive(RedriveOptions options, PrintStream out);

    int check(String[] args, PrintStream out, PrintStream err);

    /** The commands themselves. */
    static Commands real() {
        return new Commands() {
            @Override
            public int run(RunOptions options, PrintStream out) throws Exception {
                // before anything logs: the libraries' log goes to the output folder (see logback.xml)
                System.setProperty("streampipe.log.file", options.out().resolve("streampipe-local.log").toString());
                System.setProperty("streampipe.log.appender", "FILE");
                return new LocalPipeline().run(options, out, KclHotKeyWatch::start);
            }

            @Override
            public int replay(List<Path> files, PrintStream out, PrintStream err) {
                return Replay.run(files, out, err);
            }

            @Override
            public int redrive(RedriveOptions options, PrintStream out) {
                return RedriveCommand.run(options, new DefaultAwsRegionProviderChain(),
                        DefaultCredentialsProvider.builder().build(), out);
            }

            @Override
            public int check(String[] args, PrintStream out, PrintStream err) {
                return CheckCommand.run(args, new PrintWriter(out, true, StandardCharsets.UTF_8),
                        new PrintWriter(err, true, StandardCharsets.UTF_8));
            }
        };
    }
}
