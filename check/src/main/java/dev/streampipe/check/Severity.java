package dev.streampipe.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How bad a finding is, lowest first; {@code --fail-on} gates on a finding at or above a level. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH;

    /** Lower-case name as written on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True if this severity is at or above {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }

    /**
     * Parses {@code info|low|medium|high} (any case).
     *
     * @throws IllegalArgumentException naming the bad value and the accepted ones
     */
    public static Severity parse(String text) {
        for (Severity severity : values()) {
            if (severity.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("severity must be one of " + Arrays.stream(values()).map(Severity::label)
                .collect(Collectors.joining("|")) + ", was '" + text + "'");
    }
}
