package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.session.SummaryWindow;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LocalSummarizerTest {

    private final LocalSummarizer summarizer = new LocalSummarizer();

    @Test
    void shouldListRolesAndOpeningSentencesWhenSummarizingWindow() {
        // GIVEN window 2 of interval 2 with a previous summary
        SummaryPrompt prompt = new SummaryPrompt("s-1", SummaryWindow.of(2, 2), Optional.of("Customer  wants\na refund."),
                List.of(new Turn(3, "user", "My parcel is late. It was due Monday."),
                        new Turn(4, "assistant", "  Sorry!  Let me check the tracking number.")));

        // WHEN
        String text = summarizer.summarize(prompt);

        // THEN
        assertThat(text).isEqualTo("""
                Window 2 (turns 3-4): 2 turns, assistant 1, user 1.
                Earlier: Customer wants a refund.
                - user: My parcel is late.
                - assistant: Sorry!""");
    }

    @Test
    void shouldGiveSameTextWhenSamePromptIsSummarizedTwice() {
        // GIVEN
        SummaryPrompt prompt = prompt(10, Optional.empty(), "Some words here and more");

        // WHEN / THEN
        assertThat(summarizer.summarize(prompt)).isEqualTo(summarizer.summarize(prompt));
    }

    @Test
    void shouldStayBoundedWhenTurnsAndContextAreLong() {
        // GIVEN 100 long turns and a long previous summary
        SummaryPrompt prompt = prompt(100, Optional.of("x".repeat(10_000)), "y".repeat(10_000));

        // WHEN
        String text = summarizer.summarize(prompt);

        // THEN context and lines are clipped and the rest counted
        assertThat(text.lines()).hasSize(1 + 1 + LocalSummarizer.MAX_LINES + 1);
        assertThat(text.lines().skip(1).findFirst()).hasValue("Earlier: " + "x".repeat(399) + "…");
        assertThat(text).endsWith("- ... 80 more turns");
        assertThat(text.length()).isLessThan(3_500);
    }

    @Test
    void shouldMarkEmptyTurnWhenTextIsBlank() {
        // GIVEN blank turns
        SummaryPrompt prompt = prompt(1, Optional.empty(), "   ");

        // WHEN / THEN
        assertThat(summarizer.summarize(prompt)).endsWith("- user: (empty)");
    }

    private static SummaryPrompt prompt(int interval, Optional<String> previous, String text) {
        return new SummaryPrompt("s-1", SummaryWindow.of(1, interval), previous,
                LongStream.rangeClosed(1, interval).mapToObj(n -> new Turn(n, "user", text)).toList());
    }
}
