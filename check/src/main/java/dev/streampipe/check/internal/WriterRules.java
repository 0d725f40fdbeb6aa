package dev.streampipe.check.internal;

import dev.streampipe.check.CheckConfig;
import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writers per table over its threshold (the reference's HotPartitionAnalyzer for IAM-declared access): more
 * than {@link CheckConfig#thresholdFor} functions or roles may write one table. Counting starts at the
 * threshold as in the reference ("five or more distinct access edges"): 5 writers fire at the default.
 */
public final class WriterRules implements CheckRule {

    @Override
    public String name() {
        return "table-writers";
    }

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.TABLE_WRITERS_OVER_THRESHOLD);
    }

    @Override
    public List<Finding> apply(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Set<String>> writers = new TableWriters(context.values()).byTable();
        writers.forEach((table, ids) -> {
            int threshold = context.config().thresholdFor(table, context.values().physicalName(table).orElse(null));
            if (ids.size() >= threshold) {
                List<String> resources = new ArrayList<>();
                resources.add(table);
                resources.addAll(ids);
                findings.add(Finding.of(RuleId.TABLE_WRITERS_OVER_THRESHOLD, resources, "table " + table
                        + " may be written by " + ids.size() + " functions or roles " + ids + " (threshold "
                        + threshold + "); concentrated writes on the same keys throttle each other"));
            }
        });
        return findings;
    }
}
