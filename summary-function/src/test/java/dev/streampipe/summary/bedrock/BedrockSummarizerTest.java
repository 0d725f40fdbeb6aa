package dev.streampipe.summary.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.session.SummaryWindow;
import dev.streampipe.summary.SummaryPrompt;
import dev.streampipe.summary.Turn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BedrockSummarizerTest {

    @Test
    void shouldClipLongTurnWithoutSplittingSurrogatePairWhenBuildingMessage() {
        // GIVEN a turn longer than the limit whose cut point falls inside an emoji
        String text = "a".repeat(BedrockSummarizer.MAX_TURN_CHARS - 1) + "📦" + "tail";
        SummaryPrompt prompt = new SummaryPrompt("s-1", SummaryWindow.of(1, 1), Optional.empty(),
                List.of(new Turn(1, "user", text)));

        // WHEN
        String message = BedrockSummarizer.userMessage(prompt);

        // THEN the turn is clipped before the emoji and marked
        assertThat(message).contains("[1] user: " + "a".repeat(BedrockSummarizer.MAX_TURN_CHARS - 1) + " [clipped]\n")
                .doesNotContain("tail");
    }
}
