package dev.streampipe.examples.snippets.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the code blocks of Markdown files against the sources they are cut from. A block preceded by
 * {@code <!-- snippet: PATH#NAME -->} must equal the lines of {@code PATH} (relative to the root) between
 * {@code tag::NAME[]} and {@code end::NAME[]} (several such regions are joined; marker lines are dropped; without
 * {@code #NAME}, the whole file), indentation normalised. Every {@code java} block needs such a comment.
 */
final class SnippetChecker {
    static final Pattern SNIPPET = Pattern.compile("<!--\\s*snippet:\\s*([^#\\s]+)(?:#([A-Za-z0-9_.-]+))?\\s*-->");
    private static final Pattern MARKER = Pattern.compile("(tag|end)::([A-Za-z0-9_.-]+)\\[\\]");

    private final Path root;
    private int compared;

    SnippetChecker(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every problem of {@code files}, each naming the file, the line of its block and the snippet. */
    List<String> check(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            Markdown md = Markdown.read(file);
            String name = root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
            for (Markdown.Block block : md.blocks()) {
                String where = name + ":" + block.line();
                Matcher m = SNIPPET.matcher(block.lineAbove());
                if (!m.matches()) {
                    if (block.info().equals("java")) {
                        problems.add(where + ": ```java block has no <!-- snippet: PATH#NAME --> comment above it");
                    }
                    continue;
                }
                String snippet = m.group(1) + (m.group(2) == null ? "" : "#" + m.group(2));
                compared++;
                problems.addAll(compare(where, snippet, m.group(1), m.group(2), block.lines()));
            }
        }
        return problems;
    }

    /** How many blocks with a snippet comment the checks so far compared with their source. */
    int compared() {
        return compared;
    }

    private List<String> compare(String where, String snippet, String path, String tag, List<String> shown) {
        Path source = root.resolve(path).normalize();
        if (!source.startsWith(root) || !Files.isRegularFile(source)) {
            return List.of(where + ": snippet " + snippet + ": no file " + path);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        List<String> region = new ArrayList<>();
        boolean inside = tag == null;
        boolean found = tag == null;
        for (String line : lines) {
            Matcher marker = MARKER.matcher(line);
            if (marker.find()) {
                if (marker.group(2).equals(tag)) {
                    inside = marker.group(1).equals("tag");
                    found = true;
                }
                continue;
            }
            if (inside) {
                region.add(line);
            }
        }
        if (!found) {
            return List.of(where + ": snippet " + snippet + ": no tag::" + tag + "[] in " + path);
        }
        if (inside && tag != null) {
            return List.of(where + ": snippet " + snippet + ": tag::" + tag + "[] is never ended in " + path);
        }
        List<String> expected = normalise(region);
        List<String> actual = normalise(shown);
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "(nothing)";
            String a = i < actual.size() ? actual.get(i) : "(nothing)";
            if (!e.equals(a)) {
                return List.of(where + ": snippet " + snippet + " differs from its source at line " + (i + 1)
                        + " of the block: the doc has [" + a + "], the source has [" + e + "]");
            }
        }
        return List.of();
    }

    /** Trailing spaces and leading/trailing blank lines dropped, the common indentation removed. */
    static List<String> normalise(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.stripTrailing());
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        int indent = Integer.MAX_VALUE;
        for (String line : out) {
            if (!line.isEmpty()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        List<String> result = new ArrayList<>();
        for (String line : out) {
            result.add(line.isEmpty() ? line : line.substring(indent));
        }
        return result;
    }
}
