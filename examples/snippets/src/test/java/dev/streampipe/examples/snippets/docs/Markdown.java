package dev.streampipe.examples.snippets.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown file as the doc checkers read it: its fenced code blocks (with the line above each) and its prose lines
 * (every line outside a fence). Fences may be indented (inside list items); a block's lines lose the fence's indent.
 */
final class Markdown {
    /** A fenced code block: where it opens (1-based), its info string, its lines and the nearest non-blank line above. */
    record Block(int line, String info, List<String> lines, String lineAbove) {
    }

    /** A line outside every fence, with its number (1-based). */
    record ProseLine(int number, String text) {
    }

    private final Path path;
    private final List<Block> blocks;
    private final List<ProseLine> prose;

    private Markdown(Path path, List<Block> blocks, List<ProseLine> prose) {
        this.path = path;
        this.blocks = blocks;
        this.prose = prose;
    }

    static Markdown read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        List<Block> blocks = new ArrayList<>();
        List<ProseLine> prose = new ArrayList<>();
        String lastNonBlank = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            String fence = fence(stripped);
            if (fence == null) {
                prose.add(new ProseLine(i + 1, line));
                if (!stripped.isEmpty()) {
                    lastNonBlank = stripped;
                }
                continue;
            }
            int indent = line.indexOf(fence);
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && !isClosing(lines.get(j).strip(), fence)) {
                String content = lines.get(j);
                int cut = 0;
                while (cut < indent && cut < content.length() && content.charAt(cut) == ' ') {
                    cut++;
                }
                body.add(content.substring(cut));
                j++;
            }
            blocks.add(new Block(i + 1, stripped.substring(fence.length()).strip(), body, lastNonBlank));
            lastNonBlank = "";
            i = j;
        }
        return new Markdown(path, List.copyOf(blocks), List.copyOf(prose));
    }

    Path path() {
        return path;
    }

    List<Block> blocks() {
        return blocks;
    }

    List<ProseLine> prose() {
        return prose;
    }

    /** The opening fence ({@code ```} or {@code ~~~}, three or more) of a stripped line, or {@code null}. */
    private static String fence(String stripped) {
        for (char c : new char[] {'`', '~'}) {
            int n = 0;
            while (n < stripped.length() && stripped.charAt(n) == c) {
                n++;
            }
            if (n >= 3) {
                return stripped.substring(0, n);
            }
        }
        return null;
    }

    private static boolean isClosing(String stripped, String fence) {
        return stripped.startsWith(fence) && stripped.chars().allMatch(c -> c == fence.charAt(0));
    }
}
