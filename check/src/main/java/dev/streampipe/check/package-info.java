/**
 * {@code check}: the N+1 trigger gate for any SAM or CloudFormation template. This package is what a user calls.
 *
 * <p>{@link dev.streampipe.check.CheckCommand} is the command line ({@code java -jar check.jar TEMPLATE ...}, also
 * {@code streampipe-local check}); {@link dev.streampipe.check.Checker} runs the same check from Java, for example
 * in a test of one's own template, and returns a {@link dev.streampipe.check.CheckReport}: the
 * {@link dev.streampipe.check.StreamReader}s found, each with its {@link dev.streampipe.check.StreamSource}, and
 * the {@link dev.streampipe.check.Finding}s, each with a {@link dev.streampipe.check.RuleId} and a
 * {@link dev.streampipe.check.Severity}. {@link dev.streampipe.check.CheckConfig} is the {@code --config} file;
 * {@link dev.streampipe.check.ReportFormat} renders a report as text, JSON or SARIF, byte for byte the same for
 * the same input. Input that cannot be checked is a {@link dev.streampipe.check.CheckInputException}.
 *
 * <p>How it works lives in {@code dev.streampipe.check.internal}. No AWS SDK, no network.
 */
package dev.streampipe.check;
