package dev.streampipe.check;

import java.util.List;
import java.util.Objects;

/**
 * What one run of {@code check} found.
 *
 * @param templateName the template as named on the command line (reports show it as given)
 * @param readers      the DynamoDB stream readers found, template order then config order
 * @param findings     every finding, in {@link Finding#REPORT_ORDER}
 */
public record CheckReport(String templateName, List<StreamReader> readers, List<Finding> findings) {
    public CheckReport {
        Objects.requireNonNull(templateName, "templateName");
        readers = List.copyOf(readers);
        findings = findings.stream().sorted(Finding.REPORT_ORDER).toList();
    }

    /** Findings at or above {@code threshold}. */
    public long countAtLeast(Severity threshold) {
        return findings.stream().filter(f -> f.severity().atLeast(threshold)).count();
    }

    /** Findings of exactly {@code severity}. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** 1 if a finding is at or above {@code failOn}, else 0. */
    public int exitCode(Severity failOn) {
        return countAtLeast(failOn) > 0 ? 1 : 0;
    }
}
