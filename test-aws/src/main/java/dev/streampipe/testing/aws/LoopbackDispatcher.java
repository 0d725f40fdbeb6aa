package dev.streampipe.testing.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Routes each HTTP exchange to the first stub that accepts it, applies latency, and writes the answer.
 * Requests no stub serves, and failures inside a stub, are answered with an error and noted in
 * {@code unexpected} so tests can assert the endpoint understood everything.
 */
final class LoopbackDispatcher implements HttpHandler {

    private final List<ServiceStub<?, ?>> stubs;
    private final Supplier<Duration> defaultLatency;
    private final Queue<String> unexpected;

    LoopbackDispatcher(List<ServiceStub<?, ?>> stubs, Supplier<Duration> defaultLatency, Queue<String> unexpected) {
        this.stubs = List.copyOf(stubs);
        this.defaultLatency = defaultLatency;
        this.unexpected = unexpected;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            write(exchange, respond(read(exchange)));
        } finally {
            exchange.close();
        }
    }

    private LoopbackResponse respond(LoopbackRequest request) {
        ServiceStub<?, ?> stub = stubs.stream().filter(s -> s.accepts(request)).findFirst().orElse(null);
        if (stub == null) {
            unexpected.add("no loopback service for " + request.describe());
            return JsonProtocol.awsJson11().error(InjectedError.of("UnknownOperationException"));
        }
        pause(stub.ownLatency().orElseGet(defaultLatency));
        try {
            return stub.handle(request);
        } catch (ServiceStub.UnsupportedRequestException e) {
            unexpected.add(e.getMessage() + " (" + request.describe() + ")");
            return stub.failure(InjectedError.of("UnknownOperationException"));
        } catch (RuntimeException e) {
            unexpected.add(stub.service() + " failed on " + request.describe() + ": " + e);
            return stub.failure(new InjectedError("InternalFailure", "loopback endpoint failed: " + e, 500));
        }
    }

    private static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static LoopbackRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        List<String> encoding = headers.get("content-encoding");
        if (encoding != null && encoding.contains("gzip")) {
            try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = gunzip.readAllBytes();
            }
        }
        return new LoopbackRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
    }

    private static void write(HttpExchange exchange, LoopbackResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        String requestId = Ids.next();
        exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
