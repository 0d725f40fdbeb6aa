package dev.streampipe.monitor;

import java.util.List;

/**
 * The monitor's configuration or command line is wrong: a user's mistake, reported as one line naming each bad
 * setting and its value (the jar exits with status 2). At most {@value #NAMED} problems are named; the message says
 * how many more there were.
 */
public final class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** Problems named in the message. */
    static final int NAMED = 10;

    private final List<String> problems;

    /** @param problems one or more messages, each naming its setting and value */
    InvalidConfigException(String prefix, List<String> problems) {
        super(message(prefix, problems));
        this.problems = List.copyOf(problems);
    }

    /** One problem. */
    InvalidConfigException(String problem) {
        this("", List.of(problem));
    }

    /** Every problem found, in the order found. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String prefix, List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid configuration names at least one problem");
        }
        String named = String.join("; ", problems.subList(0, Math.min(NAMED, problems.size())));
        int more = problems.size() - NAMED;
        return prefix + named + (more > 0 ? "; and " + more + " more" : "");
    }
}
