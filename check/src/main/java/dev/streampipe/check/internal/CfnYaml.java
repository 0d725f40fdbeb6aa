package dev.streampipe.check.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses CloudFormation YAML into a Jackson tree in CloudFormation's long (JSON) form.
 *
 * <p>Contract: every short-form tag CloudFormation defines ({@code !Ref}, {@code !Condition}, {@code !GetAtt},
 * {@code !Sub}, {@code !If}, {@code !Equals}, {@code !Not}, {@code !And}, {@code !Or}, {@code !Join},
 * {@code !Select}, {@code !Split}, {@code !FindInMap}, {@code !ImportValue}, {@code !GetAZs}, {@code !Base64},
 * {@code !Cidr}, {@code !Transform}) becomes the one-key object CloudFormation would accept in JSON
 * ({@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}). Any other local tag, a duplicate mapping
 * key, a YAML alias, a second document, nesting deeper than {@value #MAX_NESTING_DEPTH} or a number longer than
 * {@value #MAX_NUMBER_LENGTH} characters is rejected with a {@link CfnYamlException} naming the line.
 * The reader uses Jackson's YAML parser, which exposes each node's tag as its type id.
 */
public final class CfnYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final String STANDARD_TAG_PREFIX = "tag:yaml.org,2002:";
    private static final Map<String, String> SHORT_TAGS = Map.ofEntries(
            Map.entry("Ref", "Ref"),
            Map.entry("Condition", "Condition"),
            Map.entry("GetAtt", "Fn::GetAtt"),
            Map.entry("Sub", "Fn::Sub"),
            Map.entry("If", "Fn::If"),
            Map.entry("Equals", "Fn::Equals"),
            Map.entry("Not", "Fn::Not"),
            Map.entry("And", "Fn::And"),
            Map.entry("Or", "Fn::Or"),
            Map.entry("Join", "Fn::Join"),
            Map.entry("Select", "Fn::Select"),
            Map.entry("Split", "Fn::Split"),
            Map.entry("FindInMap", "Fn::FindInMap"),
            Map.entry("ImportValue", "Fn::ImportValue"),
            Map.entry("GetAZs", "Fn::GetAZs"),
            Map.entry("Base64", "Fn::Base64"),
            Map.entry("Cidr", "Fn::Cidr"),
            Map.entry("Transform", "Fn::Transform"));

    /** The deepest nesting of mappings and lists read (this repository's template nests 12 deep). */
    public static final int MAX_NESTING_DEPTH = 100;
    /** The longest number read, in characters (as Jackson's default for JSON). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    /** An empty plain value ({@code Properties:} and nothing after it) is null, as YAML and CloudFormation read it. */
    private static final YAMLFactory FACTORY = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH).build())
            .build();

    private CfnYaml() {
    }

    /**
     * Parses one YAML document.
     *
     * @param yaml the template text
     * @return the document as a tree with intrinsic functions in long form
     * @throws CfnYamlException if the text is not a single valid CloudFormation YAML document
     */
    public static JsonNode parse(String yaml) {
        try (YAMLParser parser = FACTORY.createParser(yaml)) {
            try {
                if (parser.nextToken() == null) {
                    throw new CfnYamlException("template is empty");
                }
                JsonNode document = readValue(parser);
                if (parser.nextToken() != null) {
                    throw new CfnYamlException("more than one YAML document at line " + line(parser));
                }
                return document;
            } catch (StreamConstraintsException e) {
                throw new CfnYamlException("template is not readable: " + limitExceeded(e) + " at line "
                        + parser.currentLocation().getLineNr(), e);
            }
        } catch (IOException e) {
            throw new CfnYamlException("template is not valid YAML: " + problem(e), e);
        }
    }

    /** Which of the reading limits a Jackson constraint exception reports, in words. */
    public static String limitExceeded(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "nested deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        if (message.contains("Number value length")) {
            return "a number longer than " + MAX_NUMBER_LENGTH + " characters";
        }
        if (message.contains("Name length")) {
            return "a key longer than " + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters";
        }
        return message;
    }

    /** The parser's problem on one line with its line and column (SnakeYAML's own text spans several lines). */
    private static String problem(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                return marked.getProblem() + " at line " + (marked.getProblemMark().getLine() + 1) + ", column "
                        + (marked.getProblemMark().getColumn() + 1);
            }
        }
        String message = String.valueOf(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
        if (message.startsWith("Expected a field name")) {
            message = "a mapping key that is a list or a mapping (a key is a string)";
        }
        return message.lines().findFirst().orElse("") + at(e);
    }

    private static String at(IOException e) {
        return e instanceof JsonProcessingException j && j.getLocation() != null
                ? " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "";
    }

    private static JsonNode readValue(YAMLParser parser) throws IOException {
        if (parser.currentToken() == null) {
            throw new CfnYamlException("the document ends inside a mapping or list");
        }
        if (parser.currentToken().isNumeric() && parser.getTextLength() > MAX_NUMBER_LENGTH) {
            throw new CfnYamlException("a number of " + parser.getTextLength() + " characters at line "
                    + line(parser) + " is longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        if (parser.isCurrentAlias()) {
            throw new CfnYamlException("YAML alias *" + parser.getText() + " at line " + line(parser)
                    + " is not supported; repeat the value instead");
        }
        String tag = parser.getTypeId();
        int line = line(parser);
        JsonToken token = parser.currentToken();
        JsonNode value = switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> decimal(parser);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new CfnYamlException("a value CloudFormation cannot read" + (tag == null ? "" : " (tagged "
                    + tag + ")") + " at line " + line);
        };
        return tag == null ? value : applyTag(tag, value, line);
    }

    private static JsonNode integer(YAMLParser parser) throws IOException {
        Number number = parser.getNumberValue();
        if (number instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        return NODES.numberNode(number.longValue());
    }

    /** A YAML float; {@code .nan} and {@code .inf}, which have no decimal form, as doubles. */
    private static JsonNode decimal(YAMLParser parser) throws IOException {
        String text = parser.getText();
        if (SPECIAL_FLOAT.matcher(text).matches()) {
            return NODES.numberNode(text.toLowerCase(Locale.ROOT).contains("nan") ? Double.NaN
                    : text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return NODES.numberNode(parser.getDecimalValue());
    }

    private static ObjectNode readObject(YAMLParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
            if (parser.currentToken() != JsonToken.FIELD_NAME) {
                throw new CfnYamlException("unexpected " + parser.currentToken() + " in a mapping at line "
                        + line(parser));
            }
            String name = parser.currentName();
            int line = line(parser);
            parser.nextToken();
            JsonNode value = readValue(parser);
            if (object.has(name)) {
                throw new CfnYamlException("duplicate key '" + name + "' at line " + line);
            }
            object.set(name, value);
        }
        return object;
    }

    private static ArrayNode readArray(YAMLParser parser) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser));
        }
        return array;
    }

    private static JsonNode applyTag(String tag, JsonNode value, int line) {
        if (tag.startsWith(STANDARD_TAG_PREFIX)) {
            return value;
        }
        String function = SHORT_TAGS.get(tag);
        if (function == null) {
            throw new CfnYamlException("unknown tag !" + tag + " at line " + line);
        }
        JsonNode argument = value;
        if (function.equals("Fn::GetAtt") && value.isTextual()) {
            String text = value.asText();
            int dot = text.indexOf('.');
            if (dot <= 0 || dot == text.length() - 1) {
                throw new CfnYamlException("!GetAtt needs Resource.Attribute, was '" + text + "' at line " + line);
            }
            argument = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
        }
        return NODES.objectNode().set(function, argument);
    }

    private static int line(YAMLParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
