/**
 * {@code check}: the N+1 trigger gate for any SAM or CloudFormation template.
 *
 * <p>{@link dev.streampipe.system.check.TemplateInput} reads a template (YAML or JSON) and rejects what is not
 * one, or not whole: {@code InputText} reads files strictly and within bounds, {@code TemplateShape} checks that
 * every section the rules walk into has its shape. {@link dev.streampipe.system.check.StreamConsumers} finds every
 * reader of a DynamoDB stream and resolves which table's stream it reads; the
 * {@link dev.streampipe.system.check.CheckRule}s turn that into {@link dev.streampipe.system.check.CheckFinding}s
 * with a {@link dev.streampipe.system.check.RuleId} and a {@link dev.streampipe.system.check.Severity}
 * ({@code MappingSetting} says which values of a mapping's settings Lambda and Pipes accept: an invalid one is a
 * finding, never an absence); {@link dev.streampipe.system.check.Checker} runs them in a fixed order; the report
 * writers render text, JSON or SARIF byte for byte the same for the same input.
 * {@link dev.streampipe.system.check.CheckCommand} is the command line. The system module's template invariant
 * tests call the same rules (see {@code StreamReaderCheck}, {@code AlarmCheck}). No AWS SDK, no network.
 */
package dev.streampipe.system.check;
