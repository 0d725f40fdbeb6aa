package dev.streampipe.system.template;

import dev.streampipe.system.check.CheckConfig;
import dev.streampipe.system.check.CheckContext;
import dev.streampipe.system.check.CheckFinding;
import dev.streampipe.system.check.MappingRules;
import dev.streampipe.system.check.RuleId;
import dev.streampipe.system.check.StreamReaderRules;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Stream mappings report partial batch failures, and no stream has more than {@value #MAX_READERS} readers.
 *
 * <p>The template-invariant view of two {@code check} rules ({@link RuleId#STREAM_READERS_OVER_LIMIT},
 * {@link RuleId#MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES}): the same implementation, reported as
 * {@link Finding}s located at the first resource involved.
 */
public final class StreamReaderCheck implements TemplateCheck {
    /** DynamoDB Streams' limit of concurrent readers per shard. */
    public static final int MAX_READERS = StreamReaderRules.MAX_READERS;
    private static final Set<RuleId> RULES = Set.of(RuleId.STREAM_READERS_OVER_LIMIT,
            RuleId.MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES);

    @Override
    public String name() {
        return "stream-readers";
    }

    @Override
    public List<Finding> check(CfnTemplate template) {
        CheckContext context = new CheckContext(template, CheckConfig.defaults());
        return Stream.concat(new MappingRules().apply(context).stream(), new StreamReaderRules().apply(context).stream())
                .filter(f -> RULES.contains(f.rule()))
                .map(this::toFinding).toList();
    }

    private Finding toFinding(CheckFinding finding) {
        return new Finding(name(), "Resources." + finding.resources().get(0), finding.message());
    }
}
