package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds IAM policy statements anywhere in a template: role and managed policies, resource policies (queue,
 * topic, bucket), key policies and SAM inline policies. A policy document is any object with a
 * {@code Statement}; statements wrapped in {@code Fn::If} count once per branch ({@code AWS::NoValue} drops).
 */
public final class PolicyStatements {

    /**
     * A statement and where it is.
     *
     * @param path      location in the template
     * @param statement the statement object
     */
    public record Located(String path, JsonNode statement) {
        public Located {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(statement, "statement");
        }

        /** The statement's {@code Sid}, empty if it has none. */
        public String sid() {
            return statement.path("Sid").asText("");
        }
    }

    private PolicyStatements() {
    }

    /** Every statement under {@code Resources}, in template order. */
    public static List<Located> of(CfnTemplate template) {
        List<Located> statements = new ArrayList<>();
        template.resources().forEach((id, resource) -> collect(resource, "Resources." + id, statements));
        return statements;
    }

    /** Every statement below {@code node} (a policy document, a list of policies, a resource...), in order. */
    public static List<JsonNode> in(JsonNode node) {
        List<Located> statements = new ArrayList<>();
        collect(node, "", statements);
        return statements.stream().map(Located::statement).toList();
    }

    private static void collect(JsonNode node, String path, List<Located> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode statement = node.path("Statement");
        if (statement.isArray() || statement.isObject()) {
            addStatements(statement, path + ".Statement", out);
        }
        node.properties().forEach(e -> {
            if (!e.getKey().equals("Statement")) {
                collect(e.getValue(), path + "." + e.getKey(), out);
            }
        });
    }

    private static void addStatements(JsonNode node, String path, List<Located> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                addStatements(node.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (Intrinsics.isNoValue(node)) {
            return;
        }
        JsonNode branches = node.path("Fn::If");
        if (node.size() == 1 && branches.isArray() && branches.size() == 3) {
            addStatements(branches.get(1), path + ".Fn::If[1]", out);
            addStatements(branches.get(2), path + ".Fn::If[2]", out);
            return;
        }
        if (node.isObject()) {
            out.add(new Located(path, node));
        }
    }
}
