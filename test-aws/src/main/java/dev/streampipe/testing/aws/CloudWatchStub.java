package dev.streampipe.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon CloudWatch {@code PutMetricData} over Smithy RPCv2 CBOR, the protocol SDK 2.41.24 uses for CloudWatch
 * ({@code POST /service/GraniteServiceVersion20100801/operation/PutMetricData}, {@code smithy-protocol:
 * rpc-v2-cbor}; bodies over 10 KiB arrive gzip-compressed, which the server undoes). Entries are
 * {@link CloudWatchDatum}s, one per metric datum. {@code PutMetricData} is all-or-nothing, so an injected entry
 * failure fails the whole call. {@link #throttle(int)} answers {@code Throttling} with HTTP 400, which the SDK
 * reports as a throttling {@code CloudWatchException}.
 */
public final class CloudWatchStub extends ServiceStub<CloudWatchDatum, CloudWatchStub> {

    /** Service name for {@link LoopbackAws#calls(String, String)}. */
    public static final String SERVICE = "CloudWatch";

    private final CborProtocol protocol = new CborProtocol("GraniteServiceVersion20100801");

    CloudWatchStub() {
        super(SERVICE);
    }

    @Override
    boolean accepts(LoopbackRequest request) {
        return protocol.operation(request) != null;
    }

    @Override
    Operation<CloudWatchDatum> decode(LoopbackRequest request) {
        String operation = protocol.operation(request);
        if (!operation.equals("PutMetricData")) {
            throw new UnsupportedRequestException("CloudWatch operation not served: " + operation);
        }
        JsonNode body = CborProtocol.read(request.body());
        String namespace = body.path("Namespace").asText(null);
        List<CloudWatchDatum> data = new ArrayList<>();
        body.path("MetricData").forEach(d -> data.add(datum(namespace, d)));
        return new Operation<>(operation, data, false);
    }

    private static CloudWatchDatum datum(String namespace, JsonNode datum) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        datum.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value").asText()));
        JsonNode stats = datum.get("StatisticValues");
        JsonNode timestamp = datum.get("Timestamp");
        JsonNode resolution = datum.get("StorageResolution");
        return new CloudWatchDatum(namespace, datum.path("MetricName").asText(null), dimensions,
                datum.has("Value") ? datum.get("Value").asDouble() : null,
                doubles(datum.path("Values")), doubles(datum.path("Counts")),
                stats == null ? null : new CloudWatchDatum.Statistics(stats.path("SampleCount").asDouble(),
                        stats.path("Sum").asDouble(), stats.path("Minimum").asDouble(), stats.path("Maximum").asDouble()),
                datum.path("Unit").asText(null),
                timestamp == null ? null : Instant.ofEpochMilli(Math.round(timestamp.asDouble() * 1000)),
                resolution == null ? null : resolution.asInt());
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asDouble()));
        return values;
    }

    @Override
    InjectedError throttlingError() {
        return new InjectedError("Throttling", "Rate exceeded", 400);
    }

    @Override
    LoopbackResponse success(RecordedCall<CloudWatchDatum> call) {
        return protocol.ok(CborProtocol.object());
    }

    @Override
    LoopbackResponse failure(InjectedError error) {
        return protocol.error(error);
    }
}
