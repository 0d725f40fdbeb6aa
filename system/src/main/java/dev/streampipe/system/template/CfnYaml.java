package dev.streampipe.system.template;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;

/**
 * Parses CloudFormation YAML into a Jackson tree in CloudFormation's long (JSON) form.
 *
 * <p>Contract: every short-form tag CloudFormation defines ({@code !Ref}, {@code !Condition}, {@code !GetAtt},
 * {@code !Sub}, {@code !If}, {@code !Equals}, {@code !Not}, {@code !And}, {@code !Or}, {@code !Join},
 * {@code !Select}, {@code !Split}, {@code !FindInMap}, {@code !ImportValue}, {@code !GetAZs}, {@code !Base64},
 * {@code !Cidr}, {@code !Transform}) becomes the one-key object CloudFormation would accept in JSON
 * ({@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}). Any other local tag, a duplicate mapping
 * key, a YAML alias or a second document is rejected with a {@link CfnYamlException} naming the line.
 * The reader uses Jackson's YAML parser, which exposes each node's tag as its type id.
 */
public final class CfnYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
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

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

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
            if (parser.nextToken() == null) {
                throw new CfnYamlException("template is empty");
            }
            JsonNode document = readValue(parser);
            if (parser.nextToken() != null) {
                throw new CfnYamlException("more than one YAML document at line " + line(parser));
            }
            return document;
        } catch (IOException e) {
            throw new CfnYamlException("template is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static JsonNode readValue(YAMLParser parser) throws IOException {
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
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new CfnYamlException("unexpected " + token + " at line " + line);
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

    private static ObjectNode readObject(YAMLParser parser) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
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
