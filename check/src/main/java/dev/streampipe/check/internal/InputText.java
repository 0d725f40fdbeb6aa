package dev.streampipe.check.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.check.CheckInputException;
import dev.streampipe.core.record.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads what {@code check} is given (the template and the config) strictly, so that what it cannot read is bad
 * input and never half-read: a regular file of at most {@value #MAX_BYTES} bytes (CloudFormation's own template
 * limit is 1 MB), UTF-8 text (a UTF-8 byte order mark is dropped; UTF-16, UTF-32 and NUL bytes are rejected), then
 * exactly one JSON value or one YAML document ({@link CfnYaml}), nested at most {@value CfnYaml#MAX_NESTING_DEPTH}
 * deep, with numbers of at most {@value CfnYaml#MAX_NUMBER_LENGTH} characters. Every rejection is a
 * {@link CheckInputException} naming the file and, where there is one, the line.
 */
public final class InputText {
    /** The largest file read: 1 MiB. */
    public static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(CfnYaml.MAX_NESTING_DEPTH)
                    .maxNumberLength(CfnYaml.MAX_NUMBER_LENGTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private InputText() {
    }

    /**
     * The text of a file.
     *
     * @param what {@code template} or {@code config}, for messages
     */
    public static String read(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new CheckInputException(what + " " + file + " is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new CheckInputException("no such " + what + " file: " + file);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new CheckInputException("cannot read " + what + " " + file + ": " + e.getClass().getSimpleName()
                    .replace("Exception", "") + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new CheckInputException(what + " " + file + " is larger than " + MAX_BYTES + " bytes, the most "
                    + "check reads (CloudFormation accepts templates of up to 1 MB)");
        }
        return decode(file + "", bytes);
    }

    /** UTF-8 text without a byte order mark, or why the bytes are not that. */
    static String decode(String name, byte[] bytes) {
        try {
            return Texts.utf8(bytes);
        } catch (Texts.NotUtf8Exception e) {
            throw new CheckInputException(name + (e.encodingOrNull() != null ? " is " : " is not UTF-8 text: ")
                    + e.getMessage());
        }
    }

    /**
     * Parses text as one JSON value (when it starts with {@code {} or {@code [}) or one YAML document.
     *
     * @param name what to call the input in messages
     */
    public static JsonNode parse(String name, String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String start = body.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            return json(name, body);
        }
        try {
            return CfnYaml.parse(body);
        } catch (CfnYamlException e) {
            throw new CheckInputException(name + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode json(String name, String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            try {
                JsonNode root = JSON.readTree(parser);
                JsonLocation end = parser.currentLocation();
                if (!atEnd(parser)) {
                    throw new CheckInputException(name + " is not valid JSON: its value ends at " + where(end)
                            + " but more text follows (two documents, or trailing text?)");
                }
                return root;
            } catch (StreamConstraintsException e) {
                throw new CheckInputException(name + " is not valid JSON: " + CfnYaml.limitExceeded(e) + " at "
                        + where(parser.currentLocation()), e);
            }
        } catch (JsonProcessingException e) {
            throw new CheckInputException(name + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at " + where(e.getLocation())), e);
        } catch (IOException e) {
            throw new CheckInputException(name + " cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    private static boolean atEnd(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
