package dev.streampipe.summary;

import dev.streampipe.session.SummaryWindow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A HashMap {@link SummaryStore} for unit tests of the service; same contract, no DynamoDB. */
final class InMemorySummaryStore implements SummaryStore {

    private final Map<String, TreeMap<Long, Turn>> turns = new HashMap<>();
    private final Map<String, SummaryRecord> summaries = new HashMap<>();

    synchronized InMemorySummaryStore withTurns(String sessionId, long first, long last) {
        for (long n = first; n <= last; n++) {
            addTurn(sessionId, new Turn(n, n % 2 == 1 ? "user" : "assistant", "Turn " + n + " text. More words."));
        }
        return this;
    }

    synchronized void addTurn(String sessionId, Turn turn) {
        turns.computeIfAbsent(sessionId, k -> new TreeMap<>()).put(turn.number(), turn);
    }

    synchronized Optional<SummaryRecord> summary(String sessionId, long window) {
        return Optional.ofNullable(summaries.get(sessionId + "/" + window));
    }

    @Override
    public synchronized boolean summaryExists(String sessionId, long window) {
        return summaries.containsKey(sessionId + "/" + window);
    }

    @Override
    public synchronized Optional<String> summaryText(String sessionId, long window) {
        return summary(sessionId, window).map(SummaryRecord::text);
    }

    @Override
    public synchronized List<Turn> turns(String sessionId, SummaryWindow window) {
        return List.copyOf(turns.getOrDefault(sessionId, new TreeMap<>())
                .subMap(window.firstTurn(), true, window.lastTurn(), true).values());
    }

    @Override
    public synchronized boolean putIfAbsent(SummaryRecord summary) {
        return summaries.putIfAbsent(summary.sessionId() + "/" + summary.window().number(), summary) == null;
    }
}
