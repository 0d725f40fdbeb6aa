package dev.streampipe.core.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Per-message options for an SNS sink: String message attributes (what subscription filter policies select on) and
 * a subject (the title of email deliveries). Immutable; each method returns a new value, checked against SNS's
 * rules so a bad option fails where it is made, naming the value:
 * <pre>{@code
 * Payload.of(body).with(SnsOptions.attributes(Map.of("event_type", "handoff")).subject("Session s-1 handed off"))
 * }</pre>
 * Attribute names are 1..256 letters, digits, {@code '-'}, {@code '_'} or {@code '.'}, with no leading, trailing or
 * doubled {@code '.'} and not starting with {@code AWS.} or {@code Amazon.}; values are non-empty. A subject is
 * 1..100 printable ASCII characters and does not start with a space. FIFO topics take their group and
 * de-duplication ids from {@link FifoOptions}.
 */
public final class SnsOptions {
    public static final int MAX_SUBJECT_LENGTH = 100;
    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 256;
    private static final SnsOptions NONE = new SnsOptions(Map.of(), null);

    private final Map<String, String> attributes;
    private final String subjectOrNull;

    private SnsOptions(Map<String, String> attributes, String subjectOrNull) {
        this.attributes = attributes;
        this.subjectOrNull = subjectOrNull;
    }

    /** No attributes and no subject. */
    public static SnsOptions none() {
        return NONE;
    }

    /** These String message attributes, in this order. */
    public static SnsOptions attributes(Map<String, String> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        SnsOptions options = NONE;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            options = options.attribute(a.getKey(), a.getValue());
        }
        return options;
    }

    /** These options plus one String message attribute (replacing one of the same name). */
    public SnsOptions attribute(String name, String value) {
        requireAttributeName(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("SNS message attribute '" + name + "' must have a non-empty value, was "
                    + (value == null ? "null" : "''"));
        }
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        copy.put(name, value);
        return new SnsOptions(Collections.unmodifiableMap(copy), subjectOrNull);
    }

    /** These options with a subject (1..100 printable ASCII characters, not starting with a space). */
    public SnsOptions subject(String subject) {
        OptionText.length("SNS subject", subject, MAX_SUBJECT_LENGTH);
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("SNS subject may hold only printable ASCII characters (no line "
                        + "breaks), was '" + subject + "' (character " + i + ")");
            }
        }
        if (subject.charAt(0) == ' ') {
            throw new IllegalArgumentException("SNS subject must start with a letter, digit or punctuation, was '"
                    + subject + "'");
        }
        return new SnsOptions(attributes, subject);
    }

    /** The String message attributes, in the order they were given. */
    public Map<String, String> messageAttributes() {
        return attributes;
    }

    public String subjectOrNull() {
        return subjectOrNull;
    }

    /** Returns {@code name} if SNS accepts it as a message attribute name; throws naming it otherwise. */
    public static String requireAttributeName(String name) {
        OptionText.length("SNS message attribute name", name, MAX_ATTRIBUTE_NAME_LENGTH);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                throw new IllegalArgumentException("SNS message attribute name may hold only letters, digits, '-', "
                        + "'_' and '.', was '" + name + "'");
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("SNS message attribute name must not start or end with '.' or hold "
                    + "'..', was '" + name + "'");
        }
        if (lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            throw new IllegalArgumentException("SNS message attribute name must not start with 'AWS.' or 'Amazon.' "
                    + "(reserved), was '" + name + "'");
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SnsOptions other && attributes.equals(other.attributes)
                && Objects.equals(subjectOrNull, other.subjectOrNull);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attributes, subjectOrNull);
    }

    @Override
    public String toString() {
        return "SnsOptions[attributes=" + attributes + ", subject=" + subjectOrNull + "]";
    }
}
