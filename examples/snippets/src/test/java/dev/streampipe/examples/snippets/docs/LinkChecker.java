package dev.streampipe.examples.snippets.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that what Markdown files point at exists inside the root: every relative link {@code [text](target)}
 * (resolved against the file's folder; a {@code #fragment} into a Markdown file must name one of its headings), and
 * every backticked path that starts with a top-level folder of the root ({@code `examples/orders/pom.xml`}), resolved
 * against the root. Code blocks are skipped, and so are backticked paths holding a placeholder ({@code <file>},
 * {@code ...}, {@code *}) or a build output folder (one the root's {@code .gitignore} names, such as
 * {@code target/}).
 */
final class LinkChecker {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    private final Path root;
    private final Set<String> topLevelFolders = new TreeSet<>();
    private final Set<String> ignoredFolders = new LinkedHashSet<>();
    private final Map<Path, Set<String>> anchors = new HashMap<>();
    private int links;
    private int paths;

    LinkChecker(Path root) {
        this.root = root.toAbsolutePath().normalize();
        Path gitignore = this.root.resolve(".gitignore");
        if (Files.isRegularFile(gitignore)) {
            for (String line : read(gitignore)) {
                String s = line.strip();
                if (s.endsWith("/") && !s.startsWith("#") && s.indexOf('/') == s.length() - 1) {
                    ignoredFolders.add(s.substring(0, s.length() - 1));
                }
            }
        }
        ignoredFolders.add(".git");
        try (Stream<Path> children = Files.list(this.root)) {
            children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !ignoredFolders.contains(n)).forEach(topLevelFolders::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folders a backticked path must start with to be checked. */
    Set<String> topLevelFolders() {
        return topLevelFolders;
    }

    /** Every problem of {@code files}, each naming the file, the line and what does not resolve. */
    List<String> check(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            String name = root.relativize(absolute).toString().replace('\\', '/');
            for (Markdown.ProseLine line : Markdown.read(absolute).prose()) {
                String where = name + ":" + line.number();
                Matcher link = LINK.matcher(line.text());
                while (link.find()) {
                    links++;
                    String problem = link(absolute, link.group(1));
                    if (problem != null) {
                        problems.add(where + ": link (" + link.group(1) + ") " + problem);
                    }
                }
                Matcher code = CODE.matcher(line.text());
                while (code.find()) {
                    String path = repoPath(code.group(1));
                    if (path != null) {
                        paths++;
                    }
                    if (path != null && !exists(root.resolve(path))) {
                        problems.add(where + ": path `" + path + "` does not exist");
                    }
                }
            }
        }
        return problems;
    }

    /** How many links the checks so far looked at (web links included). */
    int links() {
        return links;
    }

    /** How many backticked repository paths the checks so far resolved. */
    int paths() {
        return paths;
    }

    private String link(Path from, String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:")) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? from : from.getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return "points outside the repository";
        }
        if (!exists(resolved)) {
            return "does not resolve to a file or folder";
        }
        if (fragment != null && resolved.toString().endsWith(".md") && !anchorsOf(resolved).contains(fragment)) {
            return "names no heading of " + root.relativize(resolved).toString().replace('\\', '/')
                    + " (anchors: " + anchorsOf(resolved) + ")";
        }
        return null;
    }

    /** The repository path a code span names, or {@code null} when it names none this checker can judge. */
    private String repoPath(String code) {
        String token = code.strip().split("\\s+")[0];
        int slash = token.indexOf('/');
        if (slash <= 0 || !topLevelFolders.contains(token.substring(0, slash))) {
            return null;
        }
        if (token.matches(".*(\\.\\.\\.|…|[*?<>{}$|]).*")) {
            return null;
        }
        int hash = token.indexOf('#');
        String path = hash < 0 ? token : token.substring(0, hash);
        for (String segment : path.split("/")) {
            if (ignoredFolders.contains(segment)) {
                return null;
            }
        }
        return path;
    }

    private boolean exists(Path path) {
        return path.normalize().startsWith(root) && Files.exists(path);
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    private Set<String> anchorsOf(Path markdown) {
        return anchors.computeIfAbsent(markdown, file -> {
            Set<String> out = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            for (Markdown.ProseLine line : Markdown.read(file).prose()) {
                Matcher h = HEADING.matcher(line.text());
                if (h.matches()) {
                    String slug = slug(h.group(1));
                    int n = seen.merge(slug, 1, Integer::sum);
                    out.add(n == 1 ? slug : slug + "-" + (n - 1));
                }
            }
            return out;
        });
    }

    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                sb.appendCodePoint(c);
            } else if (c == ' ') {
                sb.append('-');
            }
        });
        return sb.toString();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
