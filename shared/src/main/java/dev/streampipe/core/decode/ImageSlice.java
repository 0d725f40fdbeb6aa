package dev.streampipe.core.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.Item;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each top-level attribute of one already validated image lies in the event's bytes. {@link #read} parses
 * one value on demand with {@link AttributeJson#readValue} (a plain ASCII string without a parser). An attribute whose
 * value broke DynamoDB's rules when the image was scanned ({@link #addInvalid}) throws
 * {@link InvalidAttributeException} naming the record, the path and the problem when read; so does a value that still
 * fails when read. Not thread-safe while being filled; read-only afterwards.
 */
final class ImageSlice implements Item.AttributeSource {
    private final byte[] json;
    private final JsonFactory factory;
    private final String where;
    private final String field;
    private String[] names = new String[8];
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int count;
    /** Per attribute, why its value is unreadable; {@code null} (the array or an entry) when it is fine. */
    private String[] invalid;

    /**
     * @param where the record, e.g. {@code Records[3]}, prefixed to error messages
     * @param field the image's path in the record, e.g. {@code dynamodb.NewImage}
     */
    ImageSlice(byte[] json, JsonFactory factory, String where, String field) {
        this.json = json;
        this.factory = factory;
        this.where = where;
        this.field = field;
    }

    /** Records that attribute {@code name}'s value object spans bytes {@code [start, end)} of the event. */
    void add(String name, int start, int end) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        names[count] = name;
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public String name(int i) {
        return names[i];
    }

    /** Records that attribute {@code name}'s value breaks DynamoDB's rules at {@code path}: reading it throws. */
    void addInvalid(String name, String path, String problem) {
        add(name, -1, -1);
        if (invalid == null || invalid.length < names.length) {
            invalid = invalid == null ? new String[names.length] : Arrays.copyOf(invalid, names.length);
        }
        invalid[count - 1] = where + "." + path + ": " + problem;
    }

    @Override
    public AttributeValue read(int i) {
        if (invalid != null && i < invalid.length && invalid[i] != null) {
            throw new InvalidAttributeException(invalid[i]);
        }
        AttributeValue plain = plainString(starts[i], ends[i]);
        if (plain != null) {
            return plain;
        }
        try (JsonParser q = factory.createParser(json, starts[i], ends[i] - starts[i])) {
            return AttributeJson.readValue(q, q.nextToken(), field + "." + names[i]);
        } catch (FieldError e) {
            throw new InvalidAttributeException(where + "." + e.field + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final byte[] S_OPEN = {'{', '"', 'S', '"', ':', '"'};

    /**
     * The value of {@code {"S":"text"}} written exactly so, with printable ASCII text and no escape: most keys and
     * attributes, read without creating a parser (what Jackson would return, since nothing in it can differ);
     * {@code null} for anything else.
     */
    private AttributeValue plainString(int start, int end) {
        int textStart = start + S_OPEN.length;
        int textEnd = end - 2;
        if (textEnd < textStart || json[textEnd] != '"' || json[end - 1] != '}'
                || !Arrays.equals(json, start, textStart, S_OPEN, 0, S_OPEN.length)) {
            return null;
        }
        for (int k = textStart; k < textEnd; k++) {
            byte b = json[k];
            if (b < 0x20 || b > 0x7e || b == '"' || b == '\\') {
                return null;
            }
        }
        return new AttributeValue.S(new String(json, textStart, textEnd - textStart, StandardCharsets.US_ASCII));
    }
}
