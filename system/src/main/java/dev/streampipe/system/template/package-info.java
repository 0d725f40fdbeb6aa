/**
 * Reads the SAM/CloudFormation template as data and checks the invariants the system relies on.
 *
 * <p>{@link dev.streampipe.system.template.CfnYaml} parses YAML with CloudFormation's short tags
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) into the long JSON form ({@code {"Ref": ...}},
 * {@code {"Fn::GetAtt": [..]}}), so every check sees one shape. Each
 * {@link dev.streampipe.system.template.TemplateCheck} returns {@link dev.streampipe.system.template.Finding}s
 * instead of throwing, so a test can show all problems at once and a broken template can be shown to fail.
 * No AWS SDK and no network: these are static checks of a text file.
 */
package dev.streampipe.system.template;
