package dev.streampipe.examples.snippets.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every relative link and every backticked repository path in README.md and docs/ resolves inside the repository. */
class DocLinksTest {
    @Test
    void shouldResolveInsideTheRepositoryWhenADocLinksOrNamesAPath() {
        // GIVEN README.md and docs/*.md
        Path root = Docs.root();
        LinkChecker checker = new LinkChecker(root);

        // WHEN their links and paths are checked
        List<String> problems = checker.check(Docs.files(root));

        // THEN every one resolves (and the check looked at the module folders, links and paths)
        assertThat(problems).as("broken links and paths in README.md and docs/").isEmpty();
        assertThat(checker.topLevelFolders()).contains("docs", "events", "examples", "shared")
                .doesNotContain("target", ".git");
        assertThat(checker.links()).isGreaterThan(50);
        assertThat(checker.paths()).isGreaterThan(20);
    }

    @Test
    void shouldNameEachBrokenLinkAndPathWhenAFixtureHasThem() {
        // GIVEN a fixture repository whose page links and names good and bad targets
        Path root = Docs.fixture("links");

        // WHEN its page is checked
        LinkChecker checker = new LinkChecker(root);
        List<String> problems = checker.check(List.of(root.resolve("docs/page.md")));

        // THEN exactly the bad ones are named, by file and line
        assertThat(problems).containsExactly(
                "docs/page.md:5: link (missing.md) does not resolve to a file or folder",
                "docs/page.md:7: link (other.md#no-such-heading) names no heading of docs/other.md "
                        + "(anchors: [other-page, a-section-with-code-and-punctuation, a-section-with-code-and-punctuation-1])",
                "docs/page.md:8: link (../../outside.md) points outside the repository",
                "docs/page.md:12: path `module/missing.txt` does not exist");
        // ... and nothing inside the code block, nor placeholders, build outputs or paths outside the top-level folders
        assertThat(checker.links()).isEqualTo(9);
        assertThat(checker.paths()).isEqualTo(3);
    }

    @Test
    void shouldMakeGitHubAnchorsWhenHeadingsHoldCodeAndPunctuation() {
        // GIVEN / WHEN / THEN
        assertThat(LinkChecker.slug("9. `check`: the reader gate")).isEqualTo("9-check-the-reader-gate");
        assertThat(LinkChecker.slug("Order per key")).isEqualTo("order-per-key");
        assertThat(LinkChecker.slug("Effect ledger (DynamoDB)")).isEqualTo("effect-ledger-dynamodb");
    }
}
