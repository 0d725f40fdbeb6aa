package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.core.record.Texts;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A setting of a stream mapping or a pipe that {@code check} reads, with the values Lambda or EventBridge Pipes
 * accepts (their API references; {@code MaximumRecordAgeInSeconds} as Lambda enforces it: -1, or 60 to 604800).
 * {@link #read} tells an absent setting from one the template cannot tell (an intrinsic function without a
 * literal value) and from an invalid one, which Lambda or Pipes would reject: never the setting's absence.
 */
enum MappingSetting {
    BATCH_SIZE("BatchSize", whole(1, 10_000)),
    MAXIMUM_BATCHING_WINDOW("MaximumBatchingWindowInSeconds", whole(0, 300)),
    MAXIMUM_RETRY_ATTEMPTS("MaximumRetryAttempts", whole(-1, 10_000)),
    MAXIMUM_RECORD_AGE("MaximumRecordAgeInSeconds", new Accepts("-1 or a whole number in 60..604800",
            text -> inRange(text, -1, -1) || inRange(text, 60, 604_800))),
    PARALLELIZATION_FACTOR("ParallelizationFactor", whole(1, 10)),
    TUMBLING_WINDOW("TumblingWindowInSeconds", whole(0, 900)),
    BISECT_BATCH_ON_FUNCTION_ERROR("BisectBatchOnFunctionError", new Accepts("true or false",
            text -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))),
    ON_PARTIAL_BATCH_ITEM_FAILURE("OnPartialBatchItemFailure", new Accepts("AUTOMATIC_BISECT",
            Set.of("AUTOMATIC_BISECT")::contains)),
    ON_FAILURE_DESTINATION("DestinationConfig.OnFailure.Destination", arn()),
    DEAD_LETTER_ARN("DeadLetterConfig.Arn", arn());

    /** What a Lambda event source mapping (a SAM stream event's or {@code AWS::Lambda::EventSourceMapping}'s) sets. */
    static final List<MappingSetting> OF_MAPPING = List.of(BATCH_SIZE, MAXIMUM_BATCHING_WINDOW, MAXIMUM_RETRY_ATTEMPTS,
            MAXIMUM_RECORD_AGE, PARALLELIZATION_FACTOR, TUMBLING_WINDOW, BISECT_BATCH_ON_FUNCTION_ERROR,
            ON_FAILURE_DESTINATION);
    /** What a pipe's {@code SourceParameters.DynamoDBStreamParameters} set. */
    static final List<MappingSetting> OF_PIPE = List.of(BATCH_SIZE, MAXIMUM_BATCHING_WINDOW, MAXIMUM_RETRY_ATTEMPTS,
            MAXIMUM_RECORD_AGE, PARALLELIZATION_FACTOR, ON_PARTIAL_BATCH_ITEM_FAILURE, DEAD_LETTER_ARN);

    /** More digits than any bound here has, and few enough for a long. */

    private final String property;
    private final Accepts accepts;

    MappingSetting(String property, Accepts accepts) {
        this.property = property;
        this.accepts = accepts;
    }

    /** The property's path below the mapping's properties, e.g. {@code DestinationConfig.OnFailure.Destination}. */
    String property() {
        return property;
    }

    /** The values accepted, in words: {@code a whole number in -1..10000}. */
    String expected() {
        return accepts.expected();
    }

    /**
     * This setting as {@code settings} (a mapping's properties, or a pipe's stream parameters) sets it. A literal is
     * judged as written, a {@code Ref} to a parameter at its default, {@code Fn::Sub}/{@code Fn::Join} as far as
     * they render; any other intrinsic function is {@link SettingValue.Kind#UNRESOLVED}, never guessed.
     */
    SettingValue read(JsonNode settings, TemplateValues values) {
        JsonNode node = settings;
        for (String step : property.split("\\.")) {
            node = node.path(step);
        }
        if (node.isMissingNode() || Intrinsics.isNoValue(node)) {
            return new SettingValue(this, SettingValue.Kind.ABSENT, "", "absent");
        }
        if (node.isValueNode() && !node.isNull()) {
            return judge(node.asText(), "'" + Abbreviate.text(node.asText()) + "'");
        }
        if (!TemplateShape.isIntrinsic(node)) {
            return new SettingValue(this, SettingValue.Kind.INVALID, "", TemplateShape.kind(node));
        }
        Optional<String> rendered = values.render(node).filter(text -> !text.contains("«"));
        if (rendered.isEmpty()) {
            return new SettingValue(this, SettingValue.Kind.UNRESOLVED, "", Abbreviate.text(node.toString()));
        }
        String source = Intrinsics.refTarget(node).map(p -> " (the default of parameter " + p + ")")
                .orElse(" (as " + Abbreviate.text(node.toString()) + " renders)");
        return judge(rendered.get(), "'" + Abbreviate.text(rendered.get()) + "'" + source);
    }

    private SettingValue judge(String text, String written) {
        return new SettingValue(this, accepts.test().test(text) ? SettingValue.Kind.VALID : SettingValue.Kind.INVALID,
                text, written);
    }

    private static Accepts whole(long min, long max) {
        return new Accepts("a whole number in " + min + ".." + max, text -> inRange(text, min, max));
    }

    private static Accepts arn() {
        return new Accepts("an ARN (arn:...)", text -> text.startsWith("arn:"));
    }

    /** Whether {@code text} is a whole number in {@code min..max}, in time linear in its length. */
    private static boolean inRange(String text, long min, long max) {
        return Texts.wholeNumber(text, min, max).isPresent();
    }

    /** The values a setting accepts: in words, and as a test of the value's text. */
    private record Accepts(String expected, Predicate<String> test) {
    }
}
