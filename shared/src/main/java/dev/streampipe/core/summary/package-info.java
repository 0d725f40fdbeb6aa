/**
 * Rolling-summary arithmetic shared by the router and the summary function: which turns a summary
 * window covers ({@link dev.streampipe.core.summary.SummaryWindow}) and how session, turn and summary
 * keys are written and read ({@link dev.streampipe.core.summary.SessionKeys}).
 *
 * <p>Pure Java: no AWS SDK or Lambda types.
 */
package dev.streampipe.core.summary;
