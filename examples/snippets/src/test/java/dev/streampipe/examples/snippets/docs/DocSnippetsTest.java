package dev.streampipe.examples.snippets.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every code block README.md and docs/ cut from a source equals its tagged region, and every Java block is cut from
 * one (so it compiles, and the tests beside it run it).
 */
class DocSnippetsTest {
    @Test
    void shouldMatchItsTaggedSourceWhenADocShowsASnippet() {
        // GIVEN README.md and docs/*.md
        Path root = Docs.root();
        List<Path> files = Docs.files(root);

        // WHEN their blocks are checked against the sources
        SnippetChecker checker = new SnippetChecker(root);
        List<String> problems = checker.check(files);

        // THEN none differs, none is missing, no Java block stands alone, and every snippet comment sat on a block
        assertThat(problems).as("snippet problems in README.md and docs/").isEmpty();
        assertThat(checker.compared()).isEqualTo(snippetComments(files)).isGreaterThan(20);
    }

    private static long snippetComments(List<Path> files) {
        long n = 0;
        for (Path file : files) {
            try {
                n += Files.readAllLines(file).stream().filter(l -> SnippetChecker.SNIPPET.matcher(l.strip()).matches())
                        .count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return n;
    }

    @Test
    void shouldNameEachProblemWhenAFixtureHasBadSnippets() {
        // GIVEN a fixture doc with one good snippet and one of each problem
        Path root = Docs.fixture("snippets");

        // WHEN it is checked
        List<String> problems = new SnippetChecker(root).check(List.of(root.resolve("bad.md")));

        // THEN each bad block is named by file, line and snippet; the good ones are not
        assertThat(problems).containsExactly(
                "bad.md:15: snippet Sample.java#greeting differs from its source at line 2 of the block: "
                        + "the doc has [    return \"hello\";], the source has [    return \"hello, \" + name;]",
                "bad.md:24: snippet Missing.java#greeting: no file Missing.java",
                "bad.md:31: snippet Sample.java#farewell: no tag::farewell[] in Sample.java",
                "bad.md:37: ```java block has no <!-- snippet: PATH#NAME --> comment above it",
                "bad.md:44: snippet Sample.java#open: tag::open[] is never ended in Sample.java");
    }

    @Test
    void shouldIgnoreIndentationWhenComparing() {
        // GIVEN a region indented as in a class and a block indented as in a list item
        List<String> region = List.of("        int a = 1;", "", "            a++;  ");
        List<String> block = List.of("   int a = 1;", "", "       a++;");

        // WHEN both are normalised
        // THEN they are equal
        assertThat(SnippetChecker.normalise(block)).isEqualTo(SnippetChecker.normalise(region))
                .containsExactly("int a = 1;", "", "    a++;");
    }
}
