package dev.streampipe.check.internal;

import java.util.Objects;
import java.util.Set;

/**
 * One reference found in a template: a {@code Ref}, a {@code Fn::GetAtt}, a {@code ${...}} placeholder of a
 * {@code Fn::Sub}, or a condition name ({@code Condition} function or the first argument of {@code Fn::If}).
 *
 * @param kind      what is referenced
 * @param target    logical id, parameter, pseudo parameter or condition name (a SAM {@code Fn.Alias} stays whole)
 * @param attribute the attribute of a {@code GET_ATT}, empty otherwise
 * @param origin    the function it came from ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::If}, ...)
 * @param path      where in the template
 * @param guards    conditions known true at this point (the enclosing resource's and {@code Fn::If} branches')
 */
public record Reference(Kind kind, String target, String attribute, String origin, String path, Set<String> guards) {

    /** What a reference points at. */
    public enum Kind {
        /** A parameter, pseudo parameter or resource (its {@code Ref} value). */
        REF,
        /** A resource attribute. */
        GET_ATT,
        /** A condition. */
        CONDITION
    }

    public Reference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(path, "path");
        guards = Set.copyOf(guards);
    }

    /** Short human form: {@code !Ref X}, {@code !GetAtt X.Arn}, {@code ${X} in Fn::Sub}, {@code condition X}. */
    public String describe() {
        String what = switch (kind) {
            case REF -> "Ref " + target;
            case GET_ATT -> "GetAtt " + target + "." + attribute;
            case CONDITION -> "condition " + target;
        };
        return origin.equals("Fn::Sub") ? "${" + target + (attribute.isEmpty() ? "" : "." + attribute)
                + "} in Fn::Sub" : what;
    }
}
