package dev.streampipe.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * A Firehose endpoint in front of moto that fails a share of {@code PutRecordBatch} entries the way Firehose does
 * under pressure: the call succeeds, the response marks those entries {@code ServiceUnavailableException} and counts
 * them in {@code FailedPutCount}; only the other entries reach moto. A record picked to fail fails its first
 * {@code failedAttempts} deliveries (enough to outlast the sink's retries, so the batch reports it and the stream
 * redelivers it), then goes through. Every other request passes through untouched.
 */
public final class FirehoseFaults implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding");

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final double failureRate;
    private final int failedAttempts;
    private final RandomGenerator random;
    private final Map<String, Integer> failing = new ConcurrentHashMap<>();
    private final AtomicLong injected = new AtomicLong();

    private FirehoseFaults(HttpServer server, URI target, double failureRate, int failedAttempts,
                           RandomGenerator random) {
        this.server = server;
        this.target = target;
        this.failureRate = failureRate;
        this.failedAttempts = failedAttempts;
        this.random = random;
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "firehose-faults");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /**
     * Starts the endpoint on a free loopback port, forwarding to {@code target}.
     *
     * @param failureRate    share of records (0..0.5) picked to fail
     * @param failedAttempts deliveries a picked record fails before it goes through (≥ 1)
     */
    public static FirehoseFaults start(URI target, double failureRate, int failedAttempts, RandomGenerator random) {
        if (failureRate < 0 || failureRate > 0.5) {
            throw new IllegalArgumentException("failureRate must be 0..0.5, was " + failureRate);
        }
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be >= 1, was " + failedAttempts);
        }
        try {
            return new FirehoseFaults(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64),
                    target, failureRate, failedAttempts, random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the Firehose fault endpoint", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Entries answered as failed so far. */
    public long injected() {
        return injected.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (amzTarget == null || !amzTarget.endsWith(".PutRecordBatch") || failureRate == 0) {
                relay(exchange, forward(exchange, body));
                return;
            }
            ObjectNode request = (ObjectNode) JSON.readTree(body);
            ArrayNode records = (ArrayNode) request.get("Records");
            boolean[] fail = new boolean[records.size()];
            ArrayNode passing = JSON.createArrayNode();
            for (int i = 0; i < records.size(); i++) {
                fail[i] = shouldFail(records.get(i).path("Data").asText());
                if (!fail[i]) {
                    passing.add(records.get(i));
                }
            }
            List<JsonNode> passed = List.of();
            if (!passing.isEmpty()) {
                request.set("Records", passing);
                HttpResponse<byte[]> response = forward(exchange, JSON.writeValueAsBytes(request));
                if (response.statusCode() != 200) {
                    relay(exchange, response);
                    return;
                }
                JsonNode answer = JSON.readTree(response.body());
                passed = new java.util.ArrayList<>();
                answer.path("RequestResponses").forEach(passed::add);
            }
            ObjectNode merged = JSON.createObjectNode();
            ArrayNode results = merged.putArray("RequestResponses");
            int failedCount = 0;
            int next = 0;
            for (boolean f : fail) {
                if (f) {
                    failedCount++;
                    results.addObject().put("ErrorCode", "ServiceUnavailableException")
                            .put("ErrorMessage", "Slow down (injected by the local run)");
                } else {
                    JsonNode r = next < passed.size() ? passed.get(next) : null;
                    next++;
                    if (r == null) {
                        results.addObject().put("ErrorCode", "InternalFailure").put("ErrorMessage", "no result");
                        failedCount++;
                    } else {
                        results.add(r);
                        if (r.has("ErrorCode")) {
                            failedCount++;
                        }
                    }
                }
            }
            merged.put("FailedPutCount", failedCount);
            merged.put("Encrypted", false);
            byte[] out = JSON.writeValueAsBytes(merged);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private boolean shouldFail(String data) {
        Integer attempts = failing.get(data);
        if (attempts == null) {
            if (random.nextDouble() >= failureRate) {
                return false;
            }
            attempts = 0;
        }
        if (attempts >= failedAttempts) {
            return false;
        }
        failing.put(data, attempts + 1);
        injected.incrementAndGet();
        return true;
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
