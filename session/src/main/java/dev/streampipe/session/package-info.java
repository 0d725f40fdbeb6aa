/**
 * The session domain shared by the router and the summary function: how the session table's session, turn and
 * summary keys are written and read ({@link dev.streampipe.session.SessionKeys},
 * {@link dev.streampipe.session.SortKeyRange}) and which turns a rolling-summary window covers
 * ({@link dev.streampipe.session.SummaryWindow}).
 *
 * <p>Pure Java: no AWS SDK, no Lambda types, and nothing of the stream core; the core knows nothing of this domain.
 */
package dev.streampipe.session;
