package dev.streampipe.bench.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.streampipe.testing.aws.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for the router's effect-ledger table, for harnesses only: the two DynamoDB operations
 * {@code DynamoDbEffectLedger} uses, {@code BatchGetItem} and {@code BatchWriteItem} (AWS JSON 1.0), over one
 * in-memory set of keys, with a fixed latency per call. Anything else is answered {@code UnknownOperationException}
 * and counted in {@link #unexpected()}. The real {@code DynamoDbClient} talks to it, so the router's ledger path is
 * measured over the wire exactly as in Lambda, minus DynamoDB's own service time.
 */
public final class LedgerTableEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "DynamoDB_20120810.";

    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger unexpected = new AtomicInteger();
    private final LoopbackServer server;
    private volatile Duration latency = Duration.ZERO;

    private LedgerTableEndpoint() {
        server = LoopbackServer.start("ledger-endpoint", this::handle);
    }

    public static LedgerTableEndpoint start() {
        return new LedgerTableEndpoint();
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public LedgerTableEndpoint latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Calls of {@code BatchGetItem} or {@code BatchWriteItem} since the last {@link #reset()}. */
    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    public int unexpected() {
        return unexpected.get();
    }

    /** Forgets keys and counts. */
    public void reset() {
        keys.clear();
        calls.clear();
        unexpected.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in);
            }
            pause();
            String operation = target == null || !target.startsWith(TARGET) ? "?" : target.substring(TARGET.length());
            calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            ObjectNode answer = JSON.createObjectNode();
            int status = 200;
            switch (operation) {
                case "BatchGetItem" -> batchGet(request, answer);
                case "BatchWriteItem" -> batchWrite(request, answer);
                default -> {
                    unexpected.incrementAndGet();
                    status = 400;
                    answer.put("__type", "com.amazonaws.dynamodb.v20120810#UnknownOperationException");
                }
            }
            reply(exchange, status, answer);
        } finally {
            exchange.close();
        }
    }

    private void batchGet(JsonNode request, ObjectNode answer) {
        answerBatchGet(request, answer, keys::contains);
    }

    private void batchWrite(JsonNode request, ObjectNode answer) {
        keys.addAll(writtenKeys(request));
        answer.putObject("UnprocessedItems");
    }

    /** Answers a ledger {@code BatchGetItem}: the requested {@code PK}s that {@code done} holds, nothing unprocessed. */
    public static void answerBatchGet(JsonNode request, ObjectNode answer, java.util.function.Predicate<String> done) {
        ObjectNode responses = answer.putObject("Responses");
        request.path("RequestItems").fields().forEachRemaining(table -> {
            ArrayNode items = responses.putArray(table.getKey());
            for (JsonNode key : table.getValue().path("Keys")) {
                String pk = key.path("PK").path("S").asText();
                if (done.test(pk)) {
                    items.addObject().putObject("PK").put("S", pk);
                }
            }
        });
        answer.putObject("UnprocessedKeys");
    }

    /** The {@code PK}s a ledger {@code BatchWriteItem} puts. */
    public static java.util.List<String> writtenKeys(JsonNode request) {
        java.util.List<String> written = new java.util.ArrayList<>();
        request.path("RequestItems").fields().forEachRemaining(table -> {
            for (JsonNode write : table.getValue()) {
                written.add(write.path("PutRequest").path("Item").path("PK").path("S").asText());
            }
        });
        return written;
    }

    /** Sends a DynamoDB (AWS JSON 1.0) answer. */
    public static void reply(HttpExchange exchange, int status, ObjectNode answer) throws IOException {
        byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void pause() {
        Duration d = latency;
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
