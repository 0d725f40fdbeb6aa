package dev.streampipe.local;

import dev.streampipe.check.internal.CfnYamlException;
import dev.streampipe.local.aws.TemplateStack;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The template the local run creates, read and checked before anything starts: the file is readable and at most
 * 1 MB (CloudFormation's own limit), it parses, its conditions include every resource the run uses, and the
 * parameters the run reads have usable values. Each problem is a {@link BadInputException} naming
 * {@code --template}, the file and what is wrong. The logical ids below are the ones the run refers to.
 *
 * @param summaryTimeout    the summary function's timeout ({@code SummaryTimeoutSeconds})
 * @param summaryMaxRetries its asynchronous retries ({@code SummaryMaximumRetryAttempts})
 */
record RunTemplate(TemplateStack stack, Duration summaryTimeout, int summaryMaxRetries) {
    static final String SESSION_TABLE = "SessionTable";
    static final String STATE_TABLE = "StateTable";
    static final String ON_FAILURE_QUEUE = "OnFailureQueue";
    static final String ALERT_TOPIC = "AlertTopic";
    static final String ANALYTICS_BUCKET = "AnalyticsBucket";
    static final String ROUTER = "RouterFunction";
    static final String SUMMARY = "SummaryFunction";
    static final String PARTITION_KEY_NAME = "PartitionKeyName";
    private static final String SUMMARY_INTERVAL = "SummaryInterval";
    private static final String SUMMARY_TIMEOUT = "SummaryTimeoutSeconds";
    private static final String SUMMARY_RETRIES = "SummaryMaximumRetryAttempts";
    private static final List<String> RESOURCES = List.of(SESSION_TABLE, ON_FAILURE_QUEUE, ALERT_TOPIC,
            ANALYTICS_BUCKET, ROUTER, SUMMARY);
    private static final long MAX_BYTES = 1_000_000;

    /** Reads {@code file} with the run's summary interval as the {@code SummaryInterval} parameter. */
    static RunTemplate read(Path file, int summaryInterval) {
        FileArguments.readable("--template", file, MAX_BYTES);
        String name = "--template " + Flags.shown(file.toString());
        TemplateStack stack;
        try {
            stack = TemplateStack.read(file, Map.of(SUMMARY_INTERVAL, Integer.toString(summaryInterval)));
            for (String id : RESOURCES) {
                if (!stack.template().resources().containsKey(id)) {
                    throw new BadInputException(name + " has no resource " + id + ", which the local run uses");
                }
                if (!stack.included(id)) {
                    throw new BadInputException(name + ": the condition of " + id + " leaves it out, and the "
                            + "local run uses it");
                }
            }
            stack.parameter(PARTITION_KEY_NAME);
            return new RunTemplate(stack, Duration.ofSeconds(number(name, stack, SUMMARY_TIMEOUT, 1, 900)),
                    (int) number(name, stack, SUMMARY_RETRIES, 0, 2));
        } catch (UncheckedIOException e) {
            throw new BadInputException(name + (e.getCause() instanceof MalformedInputException
                    ? " is not UTF-8 text" : " cannot be read: " + e.getCause().getMessage()), e);
        } catch (CfnYamlException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException(name + " is not a template the local run can create: " + e.getMessage(), e);
        }
    }

    private static long number(String name, TemplateStack stack, String parameter, long min, long max) {
        String value = stack.parameter(parameter);
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new BadInputException(name + ": parameter " + parameter + " must be " + min + ".." + max + ", was "
                + Flags.shown(value));
    }
}
