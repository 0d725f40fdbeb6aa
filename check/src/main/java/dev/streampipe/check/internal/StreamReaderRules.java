package dev.streampipe.check.internal;

import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import dev.streampipe.check.StreamReader;
import dev.streampipe.check.StreamSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Readers per stream: more than {@value #MAX_READERS} on one table's stream (high), a reader whose stream cannot
 * be resolved (info), several functions on one stream where one router would serve (info). Readers whose ARN
 * comes from the same parameter are counted together: they read one stream whichever it is.
 */
public final class StreamReaderRules implements CheckRule {
    /** DynamoDB Streams' limit of concurrent readers per shard (docs/design.md §6). */
    public static final int MAX_READERS = 2;

    @Override
    public String name() {
        return "stream-readers";
    }

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.STREAM_READERS_OVER_LIMIT, RuleId.STREAM_READER_UNRESOLVED, RuleId.STREAM_FAN_OUT);
    }

    @Override
    public List<Finding> apply(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<StreamReader>> byStream = new LinkedHashMap<>();
        for (StreamReader reader : context.readers()) {
            StreamSource source = reader.source();
            if (!source.resolved()) {
                findings.add(Finding.of(RuleId.STREAM_READER_UNRESOLVED, List.of(reader.id()),
                        reader.label() + " reads a stream that is unresolved: " + source.description()));
            }
            if (source.resolved() || source.key().startsWith("parameter ")) {
                byStream.computeIfAbsent(source.key(), key -> new ArrayList<>()).add(reader);
            }
        }
        byStream.forEach((stream, readers) -> {
            List<String> ids = readers.stream().map(StreamReader::id).toList();
            String what = stream.startsWith("parameter ") ? "the stream given by " + stream : "stream of " + stream;
            if (readers.size() > MAX_READERS) {
                findings.add(Finding.of(RuleId.STREAM_READERS_OVER_LIMIT, with(stream, ids), what + " has "
                        + readers.size() + " readers " + ids + "; at most " + MAX_READERS
                        + " may read a shard without throttling"));
            }
            Set<String> functions = new LinkedHashSet<>();
            readers.stream().map(StreamReader::functionId).filter(f -> !f.isEmpty()).forEach(functions::add);
            if (functions.size() > 1) {
                findings.add(Finding.of(RuleId.STREAM_FAN_OUT, with(stream, List.copyOf(functions)),
                        functions.size() + " functions " + functions + " each read " + what
                                + "; each is one more reader and one more copy of the polling"));
            }
        });
        return findings;
    }

    private static List<String> with(String stream, List<String> ids) {
        List<String> resources = new ArrayList<>();
        resources.add(stream.startsWith("parameter ") ? stream.substring("parameter ".length()) : stream);
        resources.addAll(ids);
        return resources;
    }
}
