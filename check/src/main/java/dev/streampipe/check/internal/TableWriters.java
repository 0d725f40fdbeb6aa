package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may write each table: functions (and roles no function uses, e.g. an ECS task's) whose policies allow
 * {@code PutItem}, {@code UpdateItem}, {@code DeleteItem}, {@code BatchWriteItem} or PartiQL writes on it
 * ({@code TransactWriteItems} is authorized by those same actions). Policies are a role's inline
 * {@code Policies}, {@code AWS::IAM::Policy}/{@code ManagedPolicy} attached to the role, a SAM function's
 * {@code Policies} (statements, {@code DynamoDBCrudPolicy}/{@code DynamoDBWritePolicy} templates, and
 * {@code AmazonDynamoDBFullAccess}). A resource of {@code *} or {@code table/*} writes every table of the
 * template. Index and stream ARNs are not writes.
 */
final class TableWriters {
    private static final Set<String> WRITE_ACTIONS = Set.of("putitem", "updateitem", "deleteitem", "batchwriteitem",
            "partiqlinsert", "partiqlupdate", "partiqldelete");
    private static final Set<String> WRITE_POLICY_TEMPLATES = Set.of("DynamoDBCrudPolicy", "DynamoDBWritePolicy");
    private static final String FULL_ACCESS = "AmazonDynamoDBFullAccess";
    private static final String ALL_TABLES = "*";

    private final TemplateValues values;

    TableWriters(TemplateValues values) {
        this.values = values;
    }

    /** Writers per table logical id (or name for tables outside the template), both in template order. */
    Map<String, Set<String>> byTable() {
        Map<String, Set<String>> roleTables = new LinkedHashMap<>();
        values.template().resources().forEach((id, resource) -> {
            String type = resource.path("Type").asText();
            if (type.equals("AWS::IAM::Role")) {
                roleTables.computeIfAbsent(id, r -> new LinkedHashSet<>())
                        .addAll(fromStatements(resource.path("Properties").path("Policies")));
                resource.path("Properties").path("ManagedPolicyArns").forEach(arn ->
                        roleTables.get(id).addAll(fromManaged(arn)));
            }
        });
        values.template().resources().forEach((id, resource) -> {
            String type = resource.path("Type").asText();
            if (type.equals("AWS::IAM::Policy") || type.equals("AWS::IAM::ManagedPolicy")) {
                Set<String> tables = fromStatements(resource.path("Properties").path("PolicyDocument"));
                resource.path("Properties").path("Roles").forEach(role -> Intrinsics.refTarget(role)
                        .filter(roleTables::containsKey).ifPresent(r -> roleTables.get(r).addAll(tables)));
            }
        });
        Map<String, Set<String>> writers = new LinkedHashMap<>();
        Set<String> usedRoles = new LinkedHashSet<>();
        values.template().resources().forEach((id, resource) -> {
            String type = resource.path("Type").asText();
            if (!type.equals("AWS::Serverless::Function") && !type.equals("AWS::Lambda::Function")) {
                return;
            }
            Set<String> tables = new LinkedHashSet<>();
            JsonNode properties = resource.path("Properties");
            Intrinsics.referencedNames(properties.path("Role")).stream().filter(roleTables::containsKey)
                    .forEach(role -> {
                        usedRoles.add(role);
                        tables.addAll(roleTables.get(role));
                    });
            tables.addAll(fromSamPolicies(properties.path("Policies")));
            tables.forEach(table -> expand(table).forEach(t -> writers.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(id)));
        });
        roleTables.forEach((role, tables) -> {
            if (!usedRoles.contains(role)) {
                tables.forEach(table -> expand(table).forEach(t ->
                        writers.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(role)));
            }
        });
        return writers;
    }

    private List<String> expand(String table) {
        return table.equals(ALL_TABLES) ? values.tables() : List.of(table);
    }

    private Set<String> fromSamPolicies(JsonNode policies) {
        Set<String> tables = new LinkedHashSet<>();
        List<JsonNode> entries = new ArrayList<>();
        if (policies.isArray()) {
            policies.forEach(entries::add);
        } else if (!policies.isMissingNode()) {
            entries.add(policies);
        }
        for (JsonNode entry : entries) {
            if (entry.isTextual()) {
                tables.addAll(fromManaged(entry));
            } else if (entry.has("Statement")) {
                tables.addAll(fromStatements(entry));
            } else {
                entry.properties().forEach(e -> {
                    if (WRITE_POLICY_TEMPLATES.contains(e.getKey())) {
                        table(e.getValue().path("TableName")).ifPresent(tables::add);
                    }
                });
            }
        }
        return tables;
    }

    private Set<String> fromManaged(JsonNode policy) {
        return Renderings.of(policy).stream().anyMatch(name -> name.endsWith(FULL_ACCESS)) ? Set.of(ALL_TABLES) : Set.of();
    }

    private Set<String> fromStatements(JsonNode node) {
        Set<String> tables = new LinkedHashSet<>();
        PolicyStatements.in(node).forEach(statement -> {
            if (!"Allow".equals(statement.path("Effect").asText()) || !allowsWrite(statement.path("Action"))) {
                return;
            }
            JsonNode resources = statement.path("Resource");
            List<JsonNode> list = new ArrayList<>();
            if (resources.isArray()) {
                resources.forEach(list::add);
            } else {
                list.add(resources);
            }
            list.forEach(resource -> resourceTable(resource).ifPresent(tables::add));
        });
        return tables;
    }

    private static boolean allowsWrite(JsonNode actions) {
        for (String action : Renderings.of(actions)) {
            String lower = action.toLowerCase();
            if (lower.equals("*")) {
                return true;
            }
            if (!lower.startsWith("dynamodb:")) {
                continue;
            }
            Pattern glob = Pattern.compile(Pattern.quote(lower.substring("dynamodb:".length()))
                    .replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
            if (WRITE_ACTIONS.stream().anyMatch(a -> glob.matcher(a).matches())) {
                return true;
            }
        }
        return false;
    }

    /** The table a policy Resource designates, {@code *} for all; empty for indexes, streams, other services. */
    private Optional<String> resourceTable(JsonNode resource) {
        Optional<List<String>> getAtt = Intrinsics.getAtt(resource);
        if (getAtt.isPresent()) {
            return getAtt.get().get(1).equals("Arn") && values.isTableResource(getAtt.get().get(0))
                    ? Optional.of(getAtt.get().get(0)) : Optional.empty();
        }
        Optional<String> rendered = values.render(resource);
        if (rendered.isEmpty()) {
            return Optional.empty();
        }
        if (rendered.get().equals("*")) {
            return Optional.of(ALL_TABLES);
        }
        if (rendered.get().startsWith("«") && rendered.get().endsWith(".Arn»")) {
            String id = rendered.get().substring(1, rendered.get().length() - ".Arn»".length());
            return values.isTableResource(id) ? Optional.of(id) : Optional.empty();
        }
        return TemplateValues.tableArn(rendered.get()).filter(parts -> parts[1].isEmpty() || parts[1].equals("*"))
                .flatMap(parts -> tableSegment(parts[0]));
    }

    private Optional<String> tableSegment(String segment) {
        if (segment.equals("*")) {
            return Optional.of(ALL_TABLES);
        }
        Optional<String> placeholder = TemplateValues.placeholder(segment);
        if (placeholder.isPresent()) {
            return values.isTableResource(placeholder.get()) ? placeholder : Optional.empty();
        }
        return segment.contains("«") || segment.contains("*") ? Optional.empty()
                : Optional.of(values.tableNamed(segment).orElse(segment));
    }

    private Optional<String> table(JsonNode tableName) {
        Optional<String> ref = Intrinsics.refTarget(tableName);
        if (ref.isPresent() && values.isTableResource(ref.get())) {
            return ref;
        }
        return values.render(tableName).filter(name -> !name.contains("«")).map(name -> values.tableNamed(name).orElse(name));
    }
}
