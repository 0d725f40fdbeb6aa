package dev.streampipe.check.internal;

/** Builds broken variants of a valid template for negative tests. */
final class Broken {

    private Broken() {
    }

    /** {@code template} with {@code from} replaced by {@code to}; fails if {@code from} is absent (a stale test). */
    static CfnTemplate variant(String template, String from, String to) {
        if (!template.contains(from)) {
            throw new IllegalArgumentException("test fixture does not contain '" + from + "'");
        }
        return CfnTemplate.parse(template.replace(from, to));
    }
}
