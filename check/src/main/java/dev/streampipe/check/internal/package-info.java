/**
 * How {@code check} works, and the project's template invariants; not for users (the API is
 * {@code dev.streampipe.check}).
 *
 * <p>{@link dev.streampipe.check.internal.CfnYaml} parses YAML with CloudFormation's short tags
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) into the long JSON form ({@code {"Ref": ...}},
 * {@code {"Fn::GetAtt": [..]}}), so every rule sees one shape; {@link dev.streampipe.check.internal.CfnTemplate}
 * is a parsed template. For {@code check}, {@link dev.streampipe.check.internal.TemplateInput} reads a template
 * (YAML or JSON) and rejects what is not one, or not whole: {@code InputText} reads files strictly and within
 * bounds, {@code TemplateShape} checks that every section the rules walk into has its shape.
 * {@link dev.streampipe.check.internal.StreamReaders} finds every reader of a stream and resolves which table's
 * stream it reads.
 *
 * <p>Every rule is a {@link dev.streampipe.check.internal.CheckRule} reporting
 * {@link dev.streampipe.check.Finding}s instead of throwing, so a run shows all problems at once and a broken
 * template can be shown to fail: {@code check}'s ({@code StreamReaderRules}, {@code MappingRules}, whose
 * {@code MappingSetting} says which values of a mapping's settings Lambda and Pipes accept, {@code WriterRules},
 * {@code AlarmRules}) and the template invariants the project's own tests run on its template
 * ({@link dev.streampipe.check.internal.TemplateChecks}), two of which are views of {@code check}'s rules. No AWS
 * SDK and no network: these are static checks of a text file.
 */
package dev.streampipe.check.internal;
