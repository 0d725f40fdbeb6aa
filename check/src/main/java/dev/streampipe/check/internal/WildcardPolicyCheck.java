package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Least privilege: no {@code Allow} statement uses a wildcard action or resource unless it is a marked,
 * commented exception.
 *
 * <p>Rules, for every {@code Allow} statement found by {@link PolicyStatements}:
 * <ul>
 *   <li>an action containing {@code *}, {@code NotAction}, {@code NotResource} or an allowed principal
 *       {@code *} is a wildcard;</li>
 *   <li>a resource is a wildcard if it is {@code *}, if an ARN's partition, service, region or account
 *       field contains {@code *}, or if the resource's name (the first two segments of the ARN's resource
 *       part, the bucket for S3) contains {@code *}. A {@code *} below a named resource
 *       ({@code ${Bucket.Arn}/*}, {@code table/name/index/*}, {@code log-group:name:*}) is a scope, not a
 *       wildcard;</li>
 *   <li>a statement that needs a wildcard must have a {@code Sid} ending in {@value #EXCEPTION_SUFFIX}, and the
 *       YAML must carry a {@code #} comment on or just above that {@code Sid} line (not above an earlier
 *       statement) saying why (a parser drops
 *       comments, so the source text is read for this one rule); a marked statement without a wildcard is a
 *       stale exception and also reported;</li>
 *   <li>a SAM function without an explicit {@code Role} gets AWS managed policies with {@code Resource: *},
 *       and {@code ManagedPolicyArns} hide their statements from this check: both are reported.</li>
 * </ul>
 * {@code Deny} statements are not restricted (a wildcard deny only narrows access).
 */
public final class WildcardPolicyCheck implements TemplateRule {
    /** Sid suffix that marks a statement AWS forces to use a wildcard. */
    public static final String EXCEPTION_SUFFIX = "RequiresWildcard";
    private static final int COMMENT_LOOKBACK_LINES = 4;
    /** A line of an earlier statement: a comment above it belongs to that statement, not this one. */
    private static final Pattern PREVIOUS_STATEMENT =
            Pattern.compile("^(-\\s*)?\"?(Sid|Effect|Action|NotAction|Resource|NotResource|Principal|Condition)\"?\\s*:");
    private static final Set<String> STAR_PRINCIPALS = Set.of("\"*\"", "{\"AWS\":\"*\"}");

    @Override
    public String name() {
        return "iam-wildcards";
    }

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.IAM_WILDCARDS);
    }

    @Override
    public List<Finding> check(CfnTemplate template) {
        List<Finding> findings = new ArrayList<>();
        for (PolicyStatements.Located located : PolicyStatements.of(template)) {
            JsonNode statement = located.statement();
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            List<String> wildcards = wildcardsOf(statement);
            boolean marked = located.sid().endsWith(EXCEPTION_SUFFIX);
            if (!wildcards.isEmpty() && !marked) {
                findings.add(finding(located.path(), "statement " + describe(located) + " uses " + wildcards
                        + "; scope it, or if AWS requires it give it a Sid ending in " + EXCEPTION_SUFFIX
                        + " and a comment"));
            } else if (marked && wildcards.isEmpty()) {
                findings.add(finding(located.path(), "statement " + describe(located)
                        + " is marked as a wildcard exception but uses no wildcard"));
            } else if (marked && !commented(template.source(), located.sid())) {
                findings.add(finding(located.path(), "wildcard exception " + located.sid()
                        + " has no # comment on or within " + COMMENT_LOOKBACK_LINES
                        + " lines above its Sid saying why AWS requires it"));
            }
        }
        template.resources().forEach((id, resource) -> {
            String type = resource.path("Type").asText();
            JsonNode properties = resource.path("Properties");
            if (type.equals("AWS::Serverless::Function") && !properties.has("Role")) {
                findings.add(finding("Resources." + id, "function has no explicit Role, so SAM attaches AWS "
                        + "managed policies (e.g. AWSLambdaBasicExecutionRole, Resource *)"));
            }
            if (properties.has("ManagedPolicyArns")) {
                findings.add(finding("Resources." + id + ".Properties.ManagedPolicyArns",
                        "managed policies hide their statements from this check; use inline statements"));
            }
        });
        return findings;
    }

    /** The wildcard actions, resources and principals of one statement, as written. */
    static List<String> wildcardsOf(JsonNode statement) {
        List<String> wildcards = new ArrayList<>();
        for (String field : List.of("NotAction", "NotResource", "NotPrincipal")) {
            if (statement.has(field)) {
                wildcards.add(field);
            }
        }
        Renderings.of(statement.path("Action")).stream().filter(a -> a.contains("*"))
                .forEach(a -> wildcards.add("action " + a));
        Renderings.of(statement.path("Resource")).stream().filter(WildcardPolicyCheck::isWildcardResource)
                .forEach(r -> wildcards.add("resource " + r));
        JsonNode principal = statement.path("Principal");
        if (!principal.isMissingNode() && STAR_PRINCIPALS.contains(principal.toString().replace(" ", ""))) {
            wildcards.add("principal *");
        }
        return wildcards;
    }

    /** See the class comment for the rule. */
    static boolean isWildcardResource(String resource) {
        if (!resource.contains("*")) {
            return false;
        }
        if (!resource.startsWith("arn:")) {
            int star = resource.indexOf('*');
            char before = star == 0 ? ' ' : resource.charAt(star - 1);
            boolean belowNamedResource = resource.startsWith("«") && (before == '/' || before == ':');
            return !belowNamedResource;
        }
        String[] fields = resource.split(":", 6);
        if (fields.length < 6) {
            return true;
        }
        for (int i = 1; i <= 4; i++) {
            if (fields[i].contains("*")) {
                return true;
            }
        }
        String[] segments = fields[5].split("[/:]", 3);
        int named = fields[2].equals("s3") ? 1 : Math.min(2, segments.length);
        for (int i = 0; i < named; i++) {
            if (segments[i].contains("*")) {
                return true;
            }
        }
        return false;
    }

    private static boolean commented(String source, String sid) {
        Pattern sidLine = Pattern.compile("^\\s*(-\\s*)?\"?Sid\"?\\s*:\\s*[\"']?" + Pattern.quote(sid)
                + "[\"']?\\s*,?\\s*(#.*)?$");
        String[] lines = source.split("\\R", -1);
        boolean found = false;
        for (int i = 0; i < lines.length; i++) {
            if (!sidLine.matcher(lines[i]).matches()) {
                continue;
            }
            found = true;
            if (!lines[i].contains("#") && !commentAbove(lines, i)) {
                return false;
            }
        }
        return found;
    }

    private static boolean commentAbove(String[] lines, int index) {
        for (int i = index - 1; i >= Math.max(0, index - COMMENT_LOOKBACK_LINES); i--) {
            String line = lines[i].trim();
            if (line.startsWith("#")) {
                return true;
            }
            if (PREVIOUS_STATEMENT.matcher(line).find()) {
                return false;
            }
        }
        return false;
    }

    private static String describe(PolicyStatements.Located located) {
        return located.sid().isEmpty() ? "(no Sid)" : located.sid();
    }

    private Finding finding(String location, String message) {
        return Finding.at(RuleId.IAM_WILDCARDS, location, message);
    }
}
