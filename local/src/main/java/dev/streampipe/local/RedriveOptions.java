package dev.streampipe.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code redrive}'s arguments, each checked by the rules of the service it names before any client is built.
 *
 * @param queueUrl   the on-failure queue: an SQS queue URL ({@code https://sqs.REGION.amazonaws.com/ACCOUNT/NAME})
 * @param function   the router function: a Lambda function name, partial or full ARN, optionally qualified
 * @param endpoint   every client's endpoint instead of AWS's (an emulator), empty for AWS's
 * @param maxRetries retries per range, as the mapping's {@code MaximumRetryAttempts}
 */
record RedriveOptions(URI queueUrl, String function, Optional<URI> endpoint, int maxRetries) {
    static final String USAGE = "redrive --queue-url URL --function NAME [--endpoint URL] [--max-retries N]";
    static final int DEFAULT_MAX_RETRIES = 2;
    private static final Set<String> FLAGS = new LinkedHashSet<>(List.of("--queue-url", "--function", "--endpoint",
            "--max-retries"));
    /** SQS's rule for a queue name (a FIFO queue's ends in {@code .fifo}). */
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}|[A-Za-z0-9_-]{1,75}\\.fifo");
    /** Lambda's rule for Invoke's {@code FunctionName}, at most 170 characters. */
    private static final Pattern FUNCTION = Pattern.compile("(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d"
            + ":)?(\\d{12}:)?(function:)?[a-zA-Z0-9_-]{1,64}(:(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?");
    private static final int MAX_FUNCTION_LENGTH = 170;

    /** Reads the arguments after {@code redrive}. */
    static RedriveOptions parse(List<String> args) {
        Flags flags = Flags.parse("redrive", args, FLAGS);
        String queue = flags.text("--queue-url").orElseThrow(() -> missing("--queue-url"));
        String function = flags.text("--function").orElseThrow(() -> missing("--function"));
        URI queueUrl = url("--queue-url", queue);
        String[] path = queueUrl.getPath().split("/", -1);
        if (path.length != 3 || path[1].isEmpty() || !QUEUE_NAME.matcher(path[2]).matches()) {
            throw new BadInputException("--queue-url must be an SQS queue URL such as "
                    + "https://sqs.us-east-1.amazonaws.com/123456789012/my-queue, was " + Flags.shown(queue));
        }
        if (function.length() > MAX_FUNCTION_LENGTH || !FUNCTION.matcher(function).matches()) {
            throw new BadInputException("--function must be a Lambda function name or ARN (letters, digits, - and _, "
                    + "at most 64; an ARN or :qualifier around it), was " + Flags.shown(function));
        }
        Optional<URI> endpoint = flags.text("--endpoint").map(e -> url("--endpoint", e));
        int maxRetries = flags.integer("--max-retries", DEFAULT_MAX_RETRIES, 0, MappingSemantics.Settings.MAX_RETRIES);
        return new RedriveOptions(queueUrl, function, endpoint, maxRetries);
    }

    private static BadInputException missing(String flag) {
        return new BadInputException("redrive needs " + flag + " (both --queue-url and --function)");
    }

    /** An absolute http or https URL with a host, no user, query or fragment. */
    private static URI url(String flag, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new BadInputException(flag + " is not a URL: " + Flags.shown(value) + " (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadInputException(flag + " must be an http:// or https:// URL, was " + Flags.shown(value));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new BadInputException(flag + " must be http://HOST[:PORT] (HOST: letters, digits, - and ., or an IP "
                    + "address; PORT: up to 65535), was " + Flags.shown(value));
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new BadInputException(flag + " must have no user, query or fragment, was " + Flags.shown(value));
        }
        return uri;
    }
}
