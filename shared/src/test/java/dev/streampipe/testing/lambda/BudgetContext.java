package dev.streampipe.testing.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A Lambda {@link Context} for in-process invocations: a function name and a time budget that counts down on a
 * clock (a manual one in tests, the system clock in the local runner) from the moment of creation.
 */
public final class BudgetContext implements Context {
    private final String functionName;
    private final Clock clock;
    private final Instant end;
    private final String requestId = UUID.randomUUID().toString();

    public BudgetContext(String functionName, Clock clock, Duration budget) {
        this.functionName = functionName;
        this.clock = clock;
        this.end = clock.instant().plus(budget);
    }

    /** A context on the system clock. */
    public static BudgetContext of(String functionName, Duration budget) {
        return new BudgetContext(functionName, Clock.systemUTC(), budget);
    }

    public Instant end() {
        return end;
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
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
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
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
