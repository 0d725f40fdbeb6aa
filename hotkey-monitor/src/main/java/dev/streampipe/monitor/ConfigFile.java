package dev.streampipe.monitor;

import dev.streampipe.core.record.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the monitor's properties file strictly: a readable file (not a directory) of at most
 * {@value #MAX_BYTES} bytes of UTF-8 text (a leading byte-order mark is skipped) with no NUL character, in
 * {@link Properties} syntax, each key set once. Anything else is an {@link InvalidConfigException} naming the
 * file and what is wrong with it.
 */
final class ConfigFile {
    /** Largest file read: a file of settings takes a few kilobytes. */
    static final int MAX_BYTES = 1 << 20;

    private ConfigFile() {
    }

    /**
     * The entries of the file {@code name} names.
     *
     * @param source where the name came from ({@code --config} or {@code CONFIG_FILE}), for messages
     * @throws InvalidConfigException if the file cannot be read or is not a properties file
     */
    static Map<String, String> read(String source, String name) {
        String where = source + " " + Texts.shown(name);
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            throw new InvalidConfigException(where + " is not a valid path: " + e.getReason());
        }
        return read(file, where);
    }

    /** {@link #read(String, String)} of a path; messages name it as {@code where}. */
    static Map<String, String> read(Path file, String where) {
        if (Files.isDirectory(file)) {
            throw new InvalidConfigException(where + " is a directory, not a properties file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(where + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidConfigException(where + ": permission denied");
        } catch (IOException e) {
            throw new InvalidConfigException(where + " cannot be read: " + Texts.shown(String.valueOf(e.getMessage())));
        }
        return parse(bytes, where);
    }

    /** The entries of a file's {@code bytes}; messages name it as {@code where}. */
    static Map<String, String> parse(byte[] bytes, String where) {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidConfigException(where + " is larger than " + MAX_BYTES + " bytes; is it the right file?");
        }
        return entries(text(bytes, where), where);
    }

    private static String text(byte[] bytes, String where) {
        try {
            return Texts.utf8(bytes);
        } catch (Texts.NotUtf8Exception e) {
            throw new InvalidConfigException(where + " is not UTF-8 text: " + e.getMessage());
        }
    }

    private static Map<String, String> entries(String text, String where) {
        Map<String, String> entries = new LinkedHashMap<>();
        Properties properties = new Properties() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Object put(Object key, Object value) {
                if (entries.putIfAbsent((String) key, (String) value) != null) {
                    throw new InvalidConfigException(where + " sets " + Texts.shown((String) key) + " twice, to "
                            + Texts.shown(entries.get(key)) + " and " + Texts.shown((String) value));
                }
                return super.put(key, value);
            }
        };
        try {
            properties.load(new StringReader(text));
        } catch (InvalidConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(where + " is not a properties file: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        return entries;
    }
}
