package dev.streampipe.system.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stream mappings report partial batch failures, and no stream has more than {@value #MAX_READERS} readers.
 *
 * <p>Without {@code FunctionResponseTypes: [ReportBatchItemFailures]} Lambda ignores the handler's
 * {@code batchItemFailures} and retries (or drops) whole batches. DynamoDB Streams throttles a shard read by
 * more than two consumers, so mappings, pipes and KCL services on one stream are counted together.
 */
public final class StreamReaderCheck implements TemplateCheck {
    /** DynamoDB Streams' limit of concurrent readers per shard. */
    public static final int MAX_READERS = 2;

    @Override
    public String name() {
        return "stream-readers";
    }

    @Override
    public List<Finding> check(CfnTemplate template) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<String>> readersByStream = new LinkedHashMap<>();
        for (StreamReader reader : StreamReaders.of(template)) {
            readersByStream.computeIfAbsent(reader.stream(), s -> new ArrayList<>()).add(reader.readerId());
            if (reader.kind() == StreamReader.Kind.EVENT_SOURCE_MAPPING && !reportsItemFailures(reader)) {
                findings.add(new Finding(name(), "Resources." + reader.readerId(),
                        "stream mapping lacks FunctionResponseTypes: [ReportBatchItemFailures], so Lambda "
                                + "ignores the handler's batchItemFailures (was "
                                + reader.settings().path("FunctionResponseTypes") + ")"));
            }
        }
        readersByStream.forEach((stream, readers) -> {
            if (readers.size() > MAX_READERS) {
                findings.add(new Finding(name(), "Resources." + stream, "stream of " + stream + " has "
                        + readers.size() + " readers " + readers + "; at most " + MAX_READERS
                        + " may read a shard without throttling"));
            }
        });
        return findings;
    }

    private static boolean reportsItemFailures(StreamReader reader) {
        for (String type : Renderings.of(reader.settings().path("FunctionResponseTypes"))) {
            if (type.equals("ReportBatchItemFailures")) {
                return true;
            }
        }
        return false;
    }
}
