package dev.streampipe.summary;

import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic, offline summarizer: the default when no model is configured, so the local pipeline
 * needs no network. Same prompt, same text.
 *
 * <p>The text has a header with the window and per-role turn counts, the previous summary clipped to
 * {@value #MAX_CONTEXT_CHARS} characters (so rolling summaries stay bounded), and the opening sentence of
 * each turn clipped to {@value #MAX_LINE_CHARS} characters, for at most {@value #MAX_LINES} turns.
 */
public final class LocalSummarizer implements Summarizer {

    static final int MAX_CONTEXT_CHARS = 400;
    static final int MAX_LINE_CHARS = 120;
    static final int MAX_LINES = 20;

    @Override
    public String summarize(SummaryPrompt prompt) {
        Map<String, Integer> roles = new TreeMap<>();
        prompt.turns().forEach(t -> roles.merge(t.role(), 1, Integer::sum));
        StringBuilder text = new StringBuilder(256);
        text.append("Window ").append(prompt.window().number())
                .append(" (turns ").append(prompt.window().firstTurn()).append('-').append(prompt.window().lastTurn())
                .append("): ").append(prompt.turns().size()).append(" turns");
        roles.forEach((role, count) -> text.append(", ").append(role).append(' ').append(count));
        text.append('.');
        prompt.previousSummary().ifPresent(previous ->
                text.append("\nEarlier: ").append(clip(oneLine(previous), MAX_CONTEXT_CHARS)));
        prompt.turns().stream().limit(MAX_LINES).forEach(t ->
                text.append("\n- ").append(t.role()).append(": ").append(clip(firstSentence(t.text()), MAX_LINE_CHARS)));
        if (prompt.turns().size() > MAX_LINES) {
            text.append("\n- ... ").append(prompt.turns().size() - MAX_LINES).append(" more turns");
        }
        return text.toString();
    }

    @Override
    public String name() {
        return "local";
    }

    private static String firstSentence(String text) {
        String line = oneLine(text);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
                return line.substring(0, i + 1);
            }
        }
        return line.isEmpty() ? "(empty)" : line;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
