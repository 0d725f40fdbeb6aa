package dev.streampipe.items;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.Item;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Our decoder and the Enhanced Client agree on every DynamoDB type: one image, written once as DynamoDB JSON with a
 * value of each of the ten types (S, N, B, BOOL, NULL, M, L, SS, NS, BS), is
 * <ol>
 *   <li>decoded by the core's {@code StreamEventDecoder} from a stream event and mapped by {@link ItemType}, and</li>
 *   <li>read by the SDK itself, independently of our code: the same JSON is the body of a DynamoDB {@code GetItem}
 *       response that the SDK's own {@link DynamoDbClient} unmarshals (over an HTTP client that answers with it),
 *       and its {@code TableSchema.mapToItem} maps that map;</li>
 * </ol>
 * both give the same Java values. The SDK's map is also checked against one built by hand with
 * {@code AttributeValue.builder()}, so the oracle is what the test means it to be.
 */
class AllTypesMappingTest {
    private static final TableSchema<AllTypes> SCHEMA = TableSchema.fromBean(AllTypes.class);
    private static final ItemType<AllTypes> ALL_TYPES = ItemType.of(SCHEMA);

    /** The image: every DynamoDB type, some several ways. */
    private static final String IMAGE = """
            {
              "sku": {"S": "SKU-1"},
              "name": {"S": "Grüne Tasse ☕ \\"grand\\"\\n"},
              "quantity": {"N": "42"},
              "sold": {"N": "-9007199254740993"},
              "price": {"N": "19.990"},
              "big": {"N": "12345678901234567890123456789012345678"},
              "ratio": {"N": "2.5E-3"},
              "photo": {"B": "AAEC/w=="},
              "active": {"BOOL": true},
              "fragile": {"BOOL": false},
              "retiredBy": {"NULL": true},
              "dimensions": {"M": {"width": {"N": "10"}, "unit": {"S": "cm"}}},
              "labels": {"M": {"en": {"S": "cup"}, "de": {"S": "Tasse"}}},
              "stock": {"M": {"W1": {"N": "3"}, "W2": {"N": "0"}}},
              "tags": {"L": [{"S": "kitchen"}, {"S": "ceramic"}]},
              "history": {"L": [{"N": "1"}, {"N": "2"}, {"N": "2"}]},
              "boxes": {"L": [{"M": {"width": {"N": "30"}, "unit": {"S": "cm"}}}, {"M": {"unit": {"S": "in"}}}]},
              "grid": {"L": [{"L": [{"S": "a"}, {"S": "b"}]}, {"L": []}]},
              "colors": {"SS": ["green", "white"]},
              "counts": {"NS": ["3", "7", "11"]},
              "sizes": {"NS": ["1", "2.5", "1E+2"]},
              "chunks": {"BS": ["AQ==", "AgM="]}
            }""";

    @Test
    void shouldGiveTheEnhancedClientsValuesWhenEveryTypeIsDecodedByOurDecoder() {
        // GIVEN the image decoded by our decoder, and read by the SDK from the same JSON
        Item ours = decodedByOurDecoder(IMAGE);
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = readBySdk(IMAGE);

        // WHEN each is mapped to the bean: ours through ItemType, the SDK's by the table schema directly
        AllTypes viaItemType = ALL_TYPES.map(ours);
        AllTypes viaSdk = SCHEMA.mapToItem(sdk);

        // THEN the same Java values, property by property ...
        assertThat(viaItemType).usingRecursiveComparison().isEqualTo(viaSdk);
        // ... which are the values the image holds (so the comparison is not of two empty beans)
        assertThat(viaItemType.getSku()).isEqualTo("SKU-1");
        assertThat(viaItemType.getName()).isEqualTo("Grüne Tasse ☕ \"grand\"\n");
        assertThat(viaItemType.getQuantity()).isEqualTo(42);
        assertThat(viaItemType.getSold()).isEqualTo(-9_007_199_254_740_993L);
        assertThat(viaItemType.getPrice()).isEqualTo(new BigDecimal("19.990"));
        assertThat(viaItemType.getBig()).isEqualTo(new BigDecimal("12345678901234567890123456789012345678"));
        assertThat(viaItemType.getRatio()).isEqualTo(0.0025);
        assertThat(viaItemType.getPhoto()).isEqualTo(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255}));
        assertThat(viaItemType.getActive()).isTrue();
        assertThat(viaItemType.isFragile()).isFalse();
        assertThat(viaItemType.getRetiredBy()).isNull();
        assertThat(viaItemType.getDimensions().getWidth()).isEqualTo(10);
        assertThat(viaItemType.getDimensions().getUnit()).isEqualTo("cm");
        assertThat(viaItemType.getLabels()).isEqualTo(Map.of("en", "cup", "de", "Tasse"));
        assertThat(viaItemType.getStock()).isEqualTo(Map.of("W1", 3, "W2", 0));
        assertThat(viaItemType.getTags()).containsExactly("kitchen", "ceramic");
        assertThat(viaItemType.getHistory()).containsExactly(1, 2, 2);
        assertThat(viaItemType.getBoxes()).hasSize(2);
        assertThat(viaItemType.getBoxes().get(1).getWidth()).isNull();
        assertThat(viaItemType.getGrid()).containsExactly(List.of("a", "b"), List.of());
        assertThat(viaItemType.getColors()).containsExactlyInAnyOrder("green", "white");
        assertThat(viaItemType.getCounts()).containsExactlyInAnyOrder(3, 7, 11);
        assertThat(viaItemType.getSizes()).containsExactlyInAnyOrder(new BigDecimal("1"), new BigDecimal("2.5"),
                new BigDecimal("1E+2"));
        assertThat(viaItemType.getChunks()).containsExactlyInAnyOrder(SdkBytes.fromByteArray(new byte[] {1}),
                SdkBytes.fromByteArray(new byte[] {2, 3}));
    }

    @Test
    void shouldBridgeToTheSdksOwnMapWhenEveryTypeIsDecodedByOurDecoder() {
        // GIVEN
        Item ours = decodedByOurDecoder(IMAGE);
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = readBySdk(IMAGE);

        // WHEN
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> bridged = SdkItems.toSdk(ours);

        // THEN the bridge gives the SDK's own map, and the SDK's map comes back as our item
        assertThat(bridged).isEqualTo(sdk);
        assertThat(SdkItems.fromSdk(sdk)).isEqualTo(ours);
        assertThat(ours.attributes().values()).extracting(AttributeValue::type)
                .contains("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");
    }

    @Test
    void shouldReadTheImageAsTheTestMeansItWhenTheSdkUnmarshalsIt() {
        // GIVEN the image as built by hand with the SDK's builders
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> byHand = Map.ofEntries(
                Map.entry("sku", s("SKU-1")),
                Map.entry("name", s("Grüne Tasse ☕ \"grand\"\n")),
                Map.entry("quantity", n("42")),
                Map.entry("sold", n("-9007199254740993")),
                Map.entry("price", n("19.990")),
                Map.entry("big", n("12345678901234567890123456789012345678")),
                Map.entry("ratio", n("2.5E-3")),
                Map.entry("photo", sdk().b(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255})).build()),
                Map.entry("active", sdk().bool(true).build()),
                Map.entry("fragile", sdk().bool(false).build()),
                Map.entry("retiredBy", sdk().nul(true).build()),
                Map.entry("dimensions", sdk().m(Map.of("width", n("10"), "unit", s("cm"))).build()),
                Map.entry("labels", sdk().m(Map.of("en", s("cup"), "de", s("Tasse"))).build()),
                Map.entry("stock", sdk().m(Map.of("W1", n("3"), "W2", n("0"))).build()),
                Map.entry("tags", sdk().l(s("kitchen"), s("ceramic")).build()),
                Map.entry("history", sdk().l(n("1"), n("2"), n("2")).build()),
                Map.entry("boxes", sdk().l(sdk().m(Map.of("width", n("30"), "unit", s("cm"))).build(),
                        sdk().m(Map.of("unit", s("in"))).build()).build()),
                Map.entry("grid", sdk().l(sdk().l(s("a"), s("b")).build(), sdk().l(List.of()).build()).build()),
                Map.entry("colors", sdk().ss("green", "white").build()),
                Map.entry("counts", sdk().ns("3", "7", "11").build()),
                Map.entry("sizes", sdk().ns("1", "2.5", "1E+2").build()),
                Map.entry("chunks", sdk().bs(SdkBytes.fromByteArray(new byte[] {1}),
                        SdkBytes.fromByteArray(new byte[] {2, 3})).build()));

        // WHEN / THEN
        assertThat(readBySdk(IMAGE)).isEqualTo(byHand);
    }

    /** The new image of a stream event carrying {@code image}, as the core's decoder reads it. */
    private static Item decodedByOurDecoder(String image) {
        String event = """
                {"Records": [{"eventID": "e-1", "eventName": "INSERT", "eventVersion": "1.1",
                  "eventSource": "aws:dynamodb", "awsRegion": "us-east-1",
                  "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/inventory/stream/2026-11-20T00:00:00.000",
                  "dynamodb": {"ApproximateCreationDateTime": 1795000000, "Keys": {"sku": {"S": "SKU-1"}},
                    "NewImage": %s,
                    "SequenceNumber": "100000000000", "SizeBytes": 512, "StreamViewType": "NEW_AND_OLD_IMAGES"}}]}
                """.formatted(image);
        ChangeRecord record = Changes.decodeEvent(event);
        return record.newImage().orElseThrow();
    }

    /**
     * {@code image} as the SDK reads it: the body of a {@code GetItem} response ({@code {"Item": image}}), unmarshalled
     * by the SDK's own DynamoDB client from an HTTP client that answers every request with it.
     */
    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> readBySdk(String image) {
        byte[] body = ("{\"Item\":" + image + "}").getBytes(StandardCharsets.UTF_8);
        SdkHttpClient answering = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                return new ExecutableHttpRequest() {
                    @Override
                    public HttpExecuteResponse call() {
                        return HttpExecuteResponse.builder()
                                .response(SdkHttpResponse.builder().statusCode(200)
                                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                                        .putHeader("Content-Length", String.valueOf(body.length)).build())
                                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                                .build();
                    }

                    @Override
                    public void abort() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
        try (DynamoDbClient client = DynamoDbClient.builder().httpClient(answering).region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://dynamodb.invalid"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            return client.getItem(b -> b.tableName("inventory").key(Map.of("sku", s("SKU-1")))).item();
        }
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder sdk() {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String value) {
        return sdk().s(value).build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue n(String value) {
        return sdk().n(value).build();
    }

    @Test
    void shouldKeepEveryDistinctElementWhenASetIsDecoded() {
        // GIVEN (a guard on the fixture: the sets hold what the image says, not fewer)
        AllTypes viaItemType = ALL_TYPES.map(decodedByOurDecoder(IMAGE));

        // WHEN / THEN
        assertThat(viaItemType.getColors()).isEqualTo(Set.of("green", "white"));
    }
}
