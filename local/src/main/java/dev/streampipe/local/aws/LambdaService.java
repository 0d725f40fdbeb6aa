package dev.streampipe.local.aws;

import dev.streampipe.aws.lambda.InvocationContext;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streampipe.core.json.JsonStrings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Invoke API on a loopback port, running registered handlers in this JVM: what moto cannot do without
 * Docker. The router's real {@code LambdaClient} calls it exactly as it calls Lambda. {@code InvocationType=Event}
 * answers 202 at once and runs the handler on a pool with Lambda's asynchronous semantics: a failed invocation is
 * retried {@code maxRetries} times after a delay, then its destination record (the shape Lambda sends to an
 * on-failure destination) goes to the function's on-failure consumer. {@code RequestResponse} runs the handler and
 * answers with its output. An unknown function answers 404 {@code ResourceNotFoundException}.
 */
public final class LambdaService implements AutoCloseable {
    private static final Pattern INVOKE_PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

    /** One function this service runs. */
    public record Function(String name, RequestStreamHandler handler, Duration timeout, int maxRetries,
                           Consumer<String> onFailure) {
    }

    private final HttpServer server;
    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pool;
    private final Clock clock;
    private final Consumer<String> log;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private LambdaService(HttpServer server, int threads, Clock clock, Consumer<String> log) {
        this.server = server;
        this.clock = clock;
        this.log = log;
        this.pool = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "lambda-async");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "lambda-api");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Starts the API on a free loopback port; {@code threads} invocations run at once; logs go to {@code log}. */
    public static LambdaService start(int threads, Clock clock, Consumer<String> log) {
        try {
            return new LambdaService(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64),
                    threads, clock, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the local Lambda API", e);
        }
    }

    public void register(Function function) {
        functions.put(function.name(), function);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Asynchronous invocations accepted and not finished (including those waiting to retry). */
    public int inFlight() {
        return inFlight.get();
    }

    public long invocations() {
        return invocations.get();
    }

    public long retries() {
        return retries.get();
    }

    /** Asynchronous invocations that failed every attempt (sent to the on-failure destination). */
    public long failed() {
        return failed.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = INVOKE_PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !m.matches()) {
                reply(exchange, 400, "InvalidRequestContentException", "only Invoke is served here");
                return;
            }
            Function function = functions.get(java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
            if (function == null) {
                reply(exchange, 404, "ResourceNotFoundException", "Function not found: " + m.group(1));
                return;
            }
            byte[] payload = exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if ("Event".equals(type)) {
                inFlight.incrementAndGet();
                pool.execute(() -> runAsync(function, payload, 0));
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            invocations.incrementAndGet();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                function.handler().handleRequest(new ByteArrayInputStream(payload), out, context(function));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, out.size() == 0 ? -1 : out.size());
                exchange.getResponseBody().write(out.toByteArray());
            } catch (Exception e) {
                byte[] body = errorPayload(e).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }

    private void runAsync(Function function, byte[] payload, int attempt) {
        invocations.incrementAndGet();
        try {
            function.handler().handleRequest(new ByteArrayInputStream(payload), new ByteArrayOutputStream(),
                    context(function));
            inFlight.decrementAndGet();
        } catch (Exception e) {
            if (attempt < function.maxRetries()) {
                retries.incrementAndGet();
                // Lambda waits about a minute, then two; scaled down for one machine
                pool.schedule(() -> runAsync(function, payload, attempt + 1), 500L * (attempt + 1),
                        TimeUnit.MILLISECONDS);
                return;
            }
            failed.incrementAndGet();
            log.accept("{\"level\":\"ERROR\",\"function\":" + JsonStrings.quote(function.name())
                    + ",\"message\":\"asynchronous invocation failed every attempt\",\"error\":"
                    + JsonStrings.quote(String.valueOf(e)) + "}");
            try {
                function.onFailure().accept(destinationRecord(function, payload, attempt + 1, e));
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private InvocationContext context(Function function) {
        return new InvocationContext(function.name(), function.timeout(), clock, log);
    }

    private String destinationRecord(Function function, byte[] payload, int attempts, Exception e) {
        String request = new String(payload, StandardCharsets.UTF_8);
        return "{\"version\":\"1.0\",\"timestamp\":\"" + clock.instant() + "\",\"requestContext\":{\"requestId\":\""
                + java.util.UUID.randomUUID() + "\",\"functionArn\":\"arn:aws:lambda:" + TemplateStack.REGION + ":"
                + TemplateStack.ACCOUNT_ID + ":function:" + function.name()
                + ":$LATEST\",\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":" + attempts
                + "},\"requestPayload\":" + (request.isBlank() ? "null" : request)
                + ",\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":"
                + "\"Unhandled\"},\"responsePayload\":" + errorPayload(e) + "}";
    }

    private static String errorPayload(Exception e) {
        return "{\"errorMessage\":" + JsonStrings.quote(String.valueOf(e.getMessage())) + ",\"errorType\":"
                + JsonStrings.quote(e.getClass().getName()) + "}";
    }

    private static void reply(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] body = ("{\"__type\":\"" + code + "\",\"Message\":" + JsonStrings.quote(message) + "}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Amzn-ErrorType", code);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
