/**
 * The summary Lambda: writes one rolling summary per window of N turns, exactly once.
 *
 * <p>{@link dev.streampipe.summary.SummaryHandler} is the thin entry point; {@link dev.streampipe.summary.SummaryService}
 * holds the logic over two seams, {@link dev.streampipe.summary.SummaryStore} (DynamoDB in
 * {@code .dynamodb}) and {@link dev.streampipe.summary.Summarizer} (Bedrock in {@code .bedrock}, or the offline
 * {@link dev.streampipe.summary.LocalSummarizer}). Failures are typed retryable or permanent.
 */
package dev.streampipe.summary;
