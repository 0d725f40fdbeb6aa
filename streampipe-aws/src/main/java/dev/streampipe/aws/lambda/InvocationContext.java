package dev.streampipe.aws.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Lambda {@link Context} of one invocation made in this JVM (the local run, replay, benchmarks, tests): a
 * function name and a time budget counting down on a clock from the moment of creation; the logger writes to a
 * line consumer.
 */
public final class InvocationContext implements Context {
    private final String functionName;
    private final Clock clock;
    private final Instant end;
    private final Consumer<String> log;
    private final String requestId = UUID.randomUUID().toString();

    public InvocationContext(String functionName, Duration timeout, Clock clock, Consumer<String> log) {
        this.functionName = functionName;
        this.clock = clock;
        this.end = clock.instant().plus(timeout);
        this.log = log;
    }

    /** A context on the system clock whose logger prints to standard output. */
    public static InvocationContext of(String functionName, Duration timeout) {
        return new InvocationContext(functionName, timeout, Clock.systemUTC(), System.out::println);
    }

    /** A context on {@code clock} (a manual one in tests) whose logger prints to standard output. */
    public static InvocationContext of(String functionName, Duration timeout, Clock clock) {
        return new InvocationContext(functionName, timeout, clock, System.out::println);
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Duration.between(clock.instant(), end).toMillis()));
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + "us-east-1" + ":" + "123456789012" + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                log.accept(message);
            }

            @Override
            public void log(byte[] message) {
                log.accept(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
