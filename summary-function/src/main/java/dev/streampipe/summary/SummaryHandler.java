package dev.streampipe.summary;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.streampipe.summary.bedrock.BedrockSummarizer;
import dev.streampipe.summary.dynamodb.DynamoDbSummaryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point {@code dev.streampipe.summary.SummaryHandler::handleRequest}, invoked asynchronously
 * by the router with every window one stream batch closed, {@code {"windows":[{"sessionId":"<id>","window":<n>},
 * ...]}}, and answering {@code {"results":[{"sessionId":..,"window":..,"status":..},...]}}; the single-window
 * payload {@code {"sessionId":"<id>","window":<n>}} (events in flight from a router before batching) still works
 * and answers {@code {"sessionId":..,"window":..,"status":"WRITTEN" | "ALREADY_PRESENT" | "WRITTEN_CONCURRENTLY"}}.
 * A batch's windows run concurrently, at most {@code SUMMARY_CONCURRENCY} sessions at once (default
 * {@value SummaryService#DEFAULT_CONCURRENCY}, 1..64); a session's windows in ascending order.
 *
 * <p>A batch fails as a whole when any of its windows fails (after the others ran and were written), so Lambda's
 * retry re-sends the whole payload: the windows already written are found present without calling the model, and
 * only the failed ones run again. An element of the batch that is no valid window (a blank, huge or non-string
 * session id, a window that is not an integer from 1, a missing or repeated field) is such a failure, permanent,
 * named by its position and value: it never stops the batch's valid windows. A payload that is not one UTF-8 JSON
 * object of either shape within {@link SummaryCodec}'s limits fails permanently before any window runs.
 *
 * <p>Retries: every failure is rethrown so Lambda's asynchronous retry policy applies (two retries by
 * default, then the on-failure destination). {@link RetryableSummaryException} marks failures that heal,
 * above all a window whose turns are not all written yet; {@link PermanentSummaryException} marks those that
 * will fail again. Invoking twice, or concurrently, writes one summary.
 *
 * <p>Environment (read only by the no-argument constructor): see {@link SummaryConfig#fromEnvironment}, plus
 * {@code AWS_REGION}. Clients use the URL-connection HTTP client and make no call before the first request.
 */
public final class SummaryHandler implements RequestStreamHandler {

    private final SummaryService service;

    /** Production wiring from the environment. */
    public SummaryHandler() {
        this(System.getenv());
    }

    /** Wiring from the given environment variables (the no-argument constructor passes the real ones). */
    SummaryHandler(Map<String, String> env) {
        this(fromEnvironment(env));
    }

    /** Takes every collaborator. */
    public SummaryHandler(SummaryConfig config, SummaryStore store, Summarizer summarizer, Clock clock, JsonLog log) {
        this(new SummaryService(config, store, summarizer, clock, log));
    }

    /** Takes every collaborator and the batch window concurrency (1..64). */
    public SummaryHandler(SummaryConfig config, SummaryStore store, Summarizer summarizer, Clock clock, JsonLog log,
                          int concurrency) {
        this(new SummaryService(config, store, summarizer, clock, log, concurrency));
    }

    /** The environment variable bounding how many sessions of one batch payload run at once. */
    public static final String SUMMARY_CONCURRENCY = "SUMMARY_CONCURRENCY";

    private SummaryHandler(SummaryService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        service.handle(input, output);
    }

    private static SummaryService fromEnvironment(Map<String, String> env) {
        SummaryConfig config = SummaryConfig.fromEnvironment(env);
        Region region = region(env);
        Clock clock = Clock.systemUTC();
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        Summarizer summarizer = config.bedrock()
                .<Summarizer>map(settings -> new BedrockSummarizer(BedrockRuntimeClient.builder()
                        .region(region)
                        .credentialsProvider(credentials)
                        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                        .build(), settings))
                .orElseGet(LocalSummarizer::new);
        return new SummaryService(config, new DynamoDbSummaryStore(dynamoDb, config), summarizer, clock,
                JsonLog.toStandardOutput(clock), concurrency(env));
    }

    static int concurrency(Map<String, String> env) {
        return SummaryConfig.intValue(env, SUMMARY_CONCURRENCY, SummaryService.DEFAULT_CONCURRENCY, 1, 64);
    }

    private static Region region(Map<String, String> env) {
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("AWS_REGION must be set (Lambda sets it), was '" + region + "'");
        }
        return Region.of(region.strip());
    }
}
